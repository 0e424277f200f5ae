import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging

/// Turns every error into DashScope's flat body `{"request_id", "code", "message"}`, in one place.
struct DashScopeErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as DashScopeError {
            return .dashScopeError(error)
        } catch let error as HTTPError {
            // Raised by Hummingbird itself: unknown route, oversized body...
            let code =
                switch error.status {
                case .notFound: "NotFound"
                case .methodNotAllowed: "MethodNotAllowed"
                case .contentTooLarge: "InvalidParameter"
                default: error.status.code < 500 ? "InvalidParameter" : "InternalError"
                }
            let status: HTTPResponse.Status = error.status == .contentTooLarge ? .badRequest : error.status
            return .dashScopeError(
                DashScopeError(status: status, code: code, message: error.body ?? error.status.reasonPhrase)
            )
        } catch {
            context.logger.error("Unexpected simulator error", metadata: ["error": "\(String(reflecting: error))"])
            return .dashScopeError(.internalError)
        }
    }
}
