extension SimulatorStats {
    /// The `GET /sim/stats` document: totals at the top level, then `accounts` keyed by API key.
    var json: JSONValue {
        .object(
            self.total.jsonMembers
                + [
                    (
                        "accounts",
                        .object(
                            self.accounts.sorted { $0.key < $1.key }.map { ($0.key, .object($0.value.jsonMembers)) }
                        )
                    )
                ]
        )
    }
}
