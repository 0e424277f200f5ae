import Foundation

/// An upstream (DashScope) account of the pool, as configured with `s2v-meter accounts add`.
public struct UpstreamAccount: Sendable, Equatable {
    public var name: String
    public var keySource: UpstreamKeySource
    public var limits: AccountLimits
    public var addedAt: Date
    /// When it was removed: it gets no new work, and its unfinished tasks are still followed.
    public var removedAt: Date?

    public init(name: String, keySource: UpstreamKeySource, limits: AccountLimits, addedAt: Date, removedAt: Date?) {
        self.name = name
        self.keySource = keySource
        self.limits = limits
        self.addedAt = addedAt
        self.removedAt = removedAt
    }

    /// Names the API and the database accept: a letter or digit, then letters, digits, `_`, `.` or `-`; at most 63.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, name.count <= 63, first.isASCII, first.isLetter || first.isNumber else {
            return false
        }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
    }
}
