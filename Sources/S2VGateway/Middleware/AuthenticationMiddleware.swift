import Foundation
import Hummingbird
import Logging
import S2VCore
import S2VStore

/// Resolves `Authorization: Bearer <gateway key>` to a caller, on every request: a revoked key stops working at
/// once, on every instance. Missing, unknown or revoked keys get 401 `InvalidApiKey`.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let keys: APIKeyRepository

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
            case let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces), !token.isEmpty
        else {
            throw ServiceError.invalidApiKey("No API-key provided.")
        }
        let keys = self.keys
        let logger = context.logger
        // The first store access of every API request: if PostgreSQL cannot answer, fail closed here, fast.
        let found = try await context.withStore {
            try await keys.authenticate(APIKeySecret(value: token), logger: logger)
        }
        guard let caller = found else {
            throw ServiceError.invalidApiKey()
        }
        var context = context
        context.caller = caller
        context.logger[metadataKey: "key_id"] = "\(caller.keyID)"
        context.details.update {
            $0.keyID = caller.keyID
            $0.teamID = caller.teamID
        }
        return try await next(request, context)
    }
}
