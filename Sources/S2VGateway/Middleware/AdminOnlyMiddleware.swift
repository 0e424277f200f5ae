import Hummingbird
import S2VCore

/// Lets only admin keys through: the admin API changes what every team may spend.
struct AdminOnlyMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard context.caller?.isAdmin == true else {
            throw ServiceError(
                status: 403,
                code: "AccessDenied",
                message: "This endpoint needs an admin key (s2v-meter keys create --admin)."
            )
        }
        return try await next(request, context)
    }
}
