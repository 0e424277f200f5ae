extension CostTags {
    /// The tags of an `X-S2V-Tags` header: `project=launch,customer=acme`, spaces around pairs ignored. An empty
    /// header is no tags; anything else that is not a list of valid `key=value` pairs is refused, naming it.
    public static func parse(header: String) throws(DomainError) -> CostTags {
        var tags = CostTags()
        let trimmed = header.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { return tags }
        for item in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let (key, value) = try Self.pair(String(item).trimmingASCIIWhitespace())
            try tags.add(key: key, value: value)
        }
        return tags
    }

    /// One `key=value` (a CLI `--tag`, or one pair of the header).
    public static func pair(_ text: String) throws(DomainError) -> (key: String, value: String) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw .invalid("'\(text.prefix(80))' is not a tag: write key=value, for example project=launch.")
        }
        try Rules.check(key: String(parts[0]), value: String(parts[1]))
        return (String(parts[0]), String(parts[1]))
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = self.firstIndex(where: { !isSpace($0) }), let end = self.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[start...end])
    }
}

extension CostTags {
    /// Tags from repeated `--tag key=value` options; a key given twice is refused.
    public init(cliPairs: [String]) throws(DomainError) {
        self.init()
        for text in cliPairs {
            let (key, value) = try Self.pair(text)
            try self.add(key: key, value: value)
        }
    }
}
