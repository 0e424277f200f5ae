import HTTPTypes

/// An error answered with DashScope's flat body `{"request_id", "code", "message"}`.
struct DashScopeError: Error, Sendable, Equatable {
    var status: HTTPResponse.Status
    var code: String
    var message: String

    static let noAPIKey = DashScopeError(status: .unauthorized, code: "InvalidApiKey", message: "No API-key provided.")
    static let invalidAPIKey = DashScopeError(
        status: .unauthorized,
        code: "InvalidApiKey",
        message: "Invalid API-key provided."
    )
    static let synchronousCall = DashScopeError(
        status: .forbidden,
        code: "AccessDenied",
        message: "current user api does not support synchronous calls"
    )
    static let modelNotExist = DashScopeError(
        status: .badRequest,
        code: "InvalidParameter",
        message: "Model not exist."
    )
    static let throttled = DashScopeError(
        status: .tooManyRequests,
        code: "Throttling.RateQuota",
        message: "Requests rate limit exceeded, please try again later."
    )
    static let internalError = DashScopeError(
        status: .internalServerError,
        code: "InternalError",
        message: "An internal error has occured, please try again later or contact service support."
    )
    static let timedOut = DashScopeError(
        status: .requestTimeout,
        code: "RequestTimeOut",
        message: "Request timed out, please try again later."
    )
    static let cancelRefused = DashScopeError(
        status: .badRequest,
        code: "UnsupportedOperation",
        message: "Failed to cancel the task, please confirm if the task is in PENDING status."
    )

    /// 400 `InvalidParameter` with a specific message.
    static func invalidParameter(_ message: String) -> DashScopeError {
        DashScopeError(status: .badRequest, code: "InvalidParameter", message: message)
    }

    /// 400 `InvalidParameter` with the generic upstream message.
    static let missingParameter = invalidParameter(
        "Required parameter(s) missing or invalid, please check the request parameters."
    )
}
