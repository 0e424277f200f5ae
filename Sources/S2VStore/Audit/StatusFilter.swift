import S2VCore

/// An HTTP status filter: one status (`403`) or a class (`4xx`).
public struct StatusFilter: Sendable, Equatable {
    public let lowest: Int
    public let highest: Int

    /// Parses `403` or `4xx`; anything else is an `InvalidParameter` error.
    public init(_ text: String) throws {
        let lowered = text.lowercased()
        if lowered.count == 3, lowered.hasSuffix("xx"), let digit = Int(lowered.prefix(1)), (1...5).contains(digit) {
            self.lowest = digit * 100
            self.highest = digit * 100 + 99
        } else if let status = Int(lowered), (100...599).contains(status) {
            self.lowest = status
            self.highest = status
        } else {
            throw DomainError.invalid("status must be an HTTP status (403) or a class (4xx); got '\(text)'.")
        }
    }
}
