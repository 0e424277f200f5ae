import Foundation
import Hummingbird
import Logging
import S2VCore
import S2VStore

/// Resolves `Authorization: Bearer <gateway key>` to a caller, on every request, through this instance's cache: a
/// revoked key stops working on every instance within a second (`CachedLookups`). Missing, unknown or revoked keys
/// get 401 `InvalidApiKey`.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let lookups: CachedLookups

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
        let lookups = self.lookups
        let logger = context.logger
        // When the key is not cached this is the first store access of the request: if PostgreSQL cannot answer,
        // it fails closed here, fast. A cached key does not make a paid call possible without PostgreSQL: every
        // one is recorded before it is sent.
        let found = try await context.withStore {
            try await lookups.caller(for: APIKeySecret(value: token), logger: logger)
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
