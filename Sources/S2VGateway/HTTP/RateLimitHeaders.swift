import HTTPTypes

/// The rate-limit headers of a 429 refused by a client limit.
enum RateLimitHeaders {
    static let limit = HTTPField.Name("X-RateLimit-Limit")!
    static let remaining = HTTPField.Name("X-RateLimit-Remaining")!
    static let reset = HTTPField.Name("X-RateLimit-Reset")!
}
