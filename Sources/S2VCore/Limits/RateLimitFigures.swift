/// The `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (seconds) headers of a 429.
public struct RateLimitFigures: Sendable, Equatable {
    public var limit: String
    public var remaining: String
    public var resetSeconds: Int

    public init(limit: String, remaining: String, resetSeconds: Int) {
        self.limit = limit
        self.remaining = remaining
        self.resetSeconds = resetSeconds
    }
}
