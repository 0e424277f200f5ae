import Hummingbird
import Logging
import PostgresNIO
import S2VStore

/// `/health` says the process is alive; `/ready` says the database answers and its schema is current.
struct HealthRoutes: Sendable {
    struct Status: Encodable {
        var status: String
        var detail: String?
    }

    let client: PostgresClient
    let migrations: [Migration]

    func register(on router: Router<GatewayRequestContext>) {
        router.get("/health") { _, _ in
            try Response.json(Status(status: "ok"))
        }
        router.get("/ready") { _, context in
            try await self.readiness(context: context)
        }
    }

    private func readiness(context: GatewayRequestContext) async throws -> Response {
        do {
            let runner = MigrationRunner(client: self.client, migrations: self.migrations, logger: context.logger)
            let status = try await runner.status()
            guard status.isCurrent else {
                let pending = status.pending.map { "\($0.version)_\($0.name)" }.joined(separator: ", ")
                return try Response.json(Status(status: "not ready", detail: "pending migrations: \(pending)"),
                                         status: .serviceUnavailable)
            }
            return try Response.json(Status(status: "ready"))
        } catch {
            context.logger.warning("not ready", metadata: ["error": "\(String(reflecting: error))"])
            return try Response.json(Status(status: "not ready", detail: "database unreachable or schema invalid"),
                                     status: .serviceUnavailable)
        }
    }
}
