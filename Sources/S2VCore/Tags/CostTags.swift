/// The cost-attribution tags of a call: key-value pairs such as `project=launch` or `cost_center=cc-42`, which
/// every charge of the call carries into the ledger, the reports and the tag budgets.
///
/// A call's tags are its key's defaults plus those its request adds (`X-S2V-Tags`); a request may add keys but
/// never change a key's own tag, so a key's attribution cannot be escaped (``merging(request:)``). Bounds and
/// characters are ``CostTags/Rules``.
public struct CostTags: Sendable, Equatable, Hashable, Codable {
    /// The tags by key.
    public private(set) var values: [String: String]

    public init() {
        self.values = [:]
    }

    /// Tags from pairs already checked against ``Rules``; throws on any that breaks them.
    public init(_ pairs: [String: String]) throws(DomainError) {
        self.values = [:]
        for key in pairs.keys.sorted() { try self.add(key: key, value: pairs[key] ?? "") }
    }

    public var isEmpty: Bool { self.values.isEmpty }

    /// `k=v,k2=v2`, sorted by key: the form of the header, of the CLI and of reports.
    public var text: String {
        self.values.keys.sorted().map { "\($0)=\(self.values[$0] ?? "")" }.joined(separator: ",")
    }

    public subscript(key: String) -> String? { self.values[key] }

    /// The key's defaults with the request's tags added. A request tag that names a key the defaults already set
    /// to another value is refused: attribution set on the key cannot be changed per request.
    public func merging(request: CostTags) throws(DomainError) -> CostTags {
        var merged = self
        for key in request.values.keys.sorted() {
            let value = request.values[key] ?? ""
            if let own = self.values[key] {
                guard own == value else {
                    throw .invalid(
                        "The tag '\(key)' is set to '\(own)' by the key and cannot be changed by a request."
                    )
                }
                continue
            }
            try merged.add(key: key, value: value)
        }
        return merged
    }

    /// Refuses a call without every tag key its team requires, naming the missing ones.
    public func requiring(_ keys: [String]) throws(DomainError) {
        let missing = keys.filter { self.values[$0] == nil }.sorted()
        guard missing.isEmpty else {
            let names = missing.map { "'\($0)'" }.joined(separator: ", ")
            throw .invalid(
                "This team requires the tag \(missing.count == 1 ? "key" : "keys") \(names); "
                    + "send it in the X-S2V-Tags header (for example X-S2V-Tags: \(missing[0])=VALUE) "
                    + "or set it on the key."
            )
        }
    }

    /// Adds one pair, checked against ``Rules``.
    mutating func add(key: String, value: String) throws(DomainError) {
        try Rules.check(key: key, value: value)
        guard self.values[key] == nil else { throw .invalid("The tag '\(key)' is given twice.") }
        guard self.values.count < Rules.maxTags else {
            throw .invalid("A call carries at most \(Rules.maxTags) tags.")
        }
        self.values[key] = value
    }
}
