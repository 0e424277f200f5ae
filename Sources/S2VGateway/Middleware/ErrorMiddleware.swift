import Hummingbird
import Logging
import NIOHTTP1
import PostgresNIO
import S2VCore
import S2VStore
import _ConnectionPoolModule

/// Maps every error to DashScope's flat body, in one place: the gateway's own `ServiceError`s as they are, the
/// store's and the domain's refusals (`DomainError`) by `ServiceError.init(_:)`, HTTP framing errors as 4xx.
/// Unexpected errors are logged in full and answered with 500; a PostgreSQL that cannot be reached is 503, so
/// the gateway fails closed and SDKs retry.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let serviceError = Self.serviceError(for: error, context: context)
            var response = try Response.json(
                ErrorBody(requestID: context.requestIDText, code: serviceError.code, message: serviceError.message),
                status: .init(code: serviceError.status)
            )
            if let retryAfter = serviceError.retryAfterSeconds {
                response.headers[.retryAfter] = String(retryAfter)
            }
            if let figures = serviceError.rateLimit {
                response.headers[RateLimitHeaders.limit] = figures.limit
                response.headers[RateLimitHeaders.remaining] = figures.remaining
                response.headers[RateLimitHeaders.reset] = String(figures.resetSeconds)
            }
            return response
        }
    }

    static func serviceError(for error: any Error, context: Context) -> ServiceError {
        switch error {
        case let error as ServiceError:
            return error
        case let error as DomainError:
            return ServiceError(error)
        case let error as HTTPError:
            switch error.status {
            case .notFound: return .notFound()
            case .contentTooLarge:
                return ServiceError(status: 413, code: "InvalidParameter", message: "The request body is too large.")
            case .badRequest:
                return .invalidParameter(
                    error.body ?? "Required parameter(s) missing or invalid, please check the request parameters."
                )
            case .methodNotAllowed:
                return ServiceError(status: 405, code: "MethodNotAllowed", message: "Method not allowed.")
            default:
                return ServiceError(
                    status: Int(error.status.code),
                    code: "InternalError",
                    message: error.body ?? "Request failed."
                )
            }
        // The client's framing broke while its body was read (a malformed chunk size, say): its fault, not ours.
        case let error as HTTPParserError:
            return .invalidParameter("The request's HTTP framing is malformed (\(error)).")
        case let error as StoreConnectionClosed:
            context.logger.error("database unreachable", metadata: ["error": "\(error)"])
            return .serviceUnavailable()
        case let error as PSQLError where Self.isUnreachable(error):
            context.logger.error("database unreachable", metadata: ["error": "\(String(reflecting: error))"])
            return .serviceUnavailable()
        // The pool's own errors: shut down, or its circuit breaker open after failed connection attempts.
        case let error as ConnectionPoolError:
            context.logger.error("database unreachable", metadata: ["error": "\(String(reflecting: error))"])
            return .serviceUnavailable()
        case let error as SlotsKeptSlipping:
            context.logger.warning("call not sent: its upstream slots kept slipping", metadata: ["error": "\(error)"])
            return .serviceUnavailable(
                "The gateway was too busy to send the call within the account's rate limit; nothing was charged, please retry."
            )
        default:
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return ServiceError(
                status: 500,
                code: "InternalError",
                message: "An internal error has occurred, please try again later."
            )
        }
    }

    /// Connection-level failures, as opposed to an error in a statement.
    static func isUnreachable(_ error: PSQLError) -> Bool {
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed:
            return true
        default:
            return false
        }
    }
}
