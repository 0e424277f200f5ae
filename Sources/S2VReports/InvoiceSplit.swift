import S2VCore

/// The `split` of a chargeback statement: `tag:KEY`, the same for the CLI (`--split`) and the HTTP API
/// (`?split=`).
public enum InvoiceSplit {
    /// The tag key of `tag:cost_center`; nil for no split. Anything else is an `InvalidParameter` naming what
    /// is expected.
    /// - Parameter name: the parameter's name in messages: `--split` or `split`.
    public static func tagKey(_ text: String?, name: String) throws -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard text.hasPrefix("tag:") else {
            throw ServiceError.invalidParameter(
                "\(name) takes tag:KEY, such as tag:cost_center; not '\(text.prefix(80))'."
            )
        }
        let key = String(text.dropFirst(4))
        do {
            try CostTags.Rules.check(key: key)
        } catch {
            throw ServiceError.invalidParameter("\(name): \(error.message)")
        }
        return key
    }
}
