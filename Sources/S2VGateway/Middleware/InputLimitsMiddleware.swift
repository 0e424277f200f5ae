import Hummingbird
import S2VCore

/// Refuses, before any route reads, what no route accepts: a body declared larger than the gateway reads (413 at
/// once, so a client that sent `Expect: 100-continue` never sends it), and query text PostgreSQL cannot hold.
struct InputLimitsMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > context.maxUploadSize {
            throw ServiceError.bodyTooLarge(limit: context.maxUploadSize)
        }
        for parameter in request.uri.queryParameters {
            // PostgreSQL's text cannot hold U+0000; no parameter of ours means anything with one.
            if parameter.key.contains("\u{0}") || parameter.value.contains("\u{0}") {
                throw ServiceError.invalidParameter(
                    "The query parameter '\(parameter.key.withoutNUL)' contains U+0000 (NUL)."
                )
            }
        }
        return try await next(request, context)
    }
}
