/// An error the gateway answers with, in DashScope's flat body `{"request_id", "code", "message"}`.
///
/// Every refusal of the gateway is one of these, so existing client code handles the gateway's errors as it
/// handles DashScope's.
public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status.
    public var status: Int
    /// DashScope's error code, such as `InvalidParameter`.
    public var code: String
    public var message: String
    /// Seconds after which a retry may succeed (`Retry-After`), for throttling.
    public var retryAfterSeconds: Int?
    /// The figures of the limit that refused the request (`X-RateLimit-*`), for client limits.
    public var rateLimit: RateLimitFigures?

    public init(
        status: Int,
        code: String,
        message: String,
        retryAfterSeconds: Int? = nil,
        rateLimit: RateLimitFigures? = nil
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
        self.rateLimit = rateLimit
    }

    public var description: String { "\(self.status) \(self.code): \(self.message)" }

    /// 400: bad JSON, a missing field, an unknown model or tier, a bad URL.
    public static func invalidParameter(_ message: String) -> ServiceError {
        ServiceError(status: 400, code: "InvalidParameter", message: message)
    }

    /// 413: a body larger than the gateway reads. The code stays DashScope's `InvalidParameter`, so clients that
    /// branch on codes need nothing new.
    public static func bodyTooLarge(limit: Int) -> ServiceError {
        ServiceError(status: 413, code: "InvalidParameter", message: "The request body is larger than \(limit) bytes.")
    }

    /// 401: a missing, unknown or revoked gateway key.
    public static func invalidApiKey(_ message: String = "Invalid API-key provided.") -> ServiceError {
        ServiceError(status: 401, code: "InvalidApiKey", message: message)
    }

    /// 403: a hold or charge would pass a hard budget.
    public static func budgetExceeded(_ message: String) -> ServiceError {
        ServiceError(status: 403, code: "BudgetExceeded", message: message)
    }

    /// 404: no such route.
    public static func notFound(_ message: String = "The requested resource does not exist.") -> ServiceError {
        ServiceError(status: 404, code: "NotFound", message: message)
    }

    /// 429: a client-side rate limit.
    public static func throttled(_ message: String, retryAfterSeconds: Int) -> ServiceError {
        ServiceError(status: 429, code: "Throttling.RateQuota", message: message, retryAfterSeconds: retryAfterSeconds)
    }

    /// 503: the store is unreachable; the gateway fails closed and the SDKs retry.
    public static func serviceUnavailable(
        _ message: String = "The metering store is unreachable; no call was made, please retry."
    ) -> ServiceError {
        ServiceError(status: 503, code: "ServiceUnavailable", message: message)
    }
}
