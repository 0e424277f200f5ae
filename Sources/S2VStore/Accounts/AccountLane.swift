import S2VCore

/// A stream of upstream calls an account paces separately: submissions of one model, or task queries.
public enum AccountLane: Sendable, Hashable, CustomStringConvertible {
    case submit(model: String)
    case query

    public var description: String {
        switch self {
        case .submit(let model): "submit:\(model)"
        case .query: "query"
        }
    }

    /// The spacing of two calls of this lane under `limits`.
    public func spacing(_ limits: AccountLimits) -> Duration {
        switch self {
        case .submit(let model): limits.limits(of: model).submissionSpacing
        case .query: limits.querySpacing
        }
    }
}
