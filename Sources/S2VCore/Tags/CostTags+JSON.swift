import Foundation

extension CostTags {
    /// The tags as a JSON object with sorted keys, as PostgreSQL stores them (`jsonb`): `{"env":"prod"}`.
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A dictionary of strings always encodes.
        return (try? String(decoding: encoder.encode(self.values), as: UTF8.self)) ?? "{}"
    }

    /// Tags read back from the database's JSON object, checked against ``Rules`` again.
    public init(jsonText: String) throws(DomainError) {
        let pairs: [String: String]
        do {
            pairs = try JSONDecoder().decode([String: String].self, from: Data(jsonText.utf8))
        } catch {
            throw .invalid("Stored tags are not a JSON object of strings: \(jsonText.prefix(80))")
        }
        try self.init(pairs)
    }
}
