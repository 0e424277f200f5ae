import Foundation

extension SimulatorBill {
    /// The `GET /sim/bill` document: the price list (`"<model>"` or `"<model> <tier>"`: USD per unit), totals at the
    /// top level, then `accounts` keyed by API key.
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("currency", .string(self.currency)),
            ("prices", .object(PricedItem.allCases.map { ($0.name, .decimalString($0.price)) })),
        ]
        members += self.total.jsonMembers
        members.append(
            (
                "accounts",
                .object(self.accounts.sorted { $0.key < $1.key }.map { ($0.key, .object($0.value.jsonMembers)) })
            )
        )
        return .object(members)
    }
}
