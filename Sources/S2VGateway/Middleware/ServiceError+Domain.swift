import S2VCore

extension ServiceError {
    /// The answer to a refusal in the service's terms: where each `DomainError` gets its HTTP status, its
    /// DashScope code and its headers.
    init(_ error: DomainError) {
        switch error {
        case .invalid(let message):
            self = .invalidParameter(message)
        case .budgetExceeded(let message):
            self = .budgetExceeded(message)
        case .clientLimit(let refusal):
            self = .throttled(refusal.message, retryAfterSeconds: refusal.retryAfterSeconds)
            self.rateLimit = RateLimitFigures(
                limit: refusal.limit,
                remaining: refusal.remaining,
                resetSeconds: refusal.resetSeconds
            )
        case .noUpstreamSlot(let message, let retryAfterSeconds):
            self = .throttled(message, retryAfterSeconds: retryAfterSeconds)
        case .unavailable(let message):
            self = .serviceUnavailable(message)
        }
    }
}
