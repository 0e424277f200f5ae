import Hummingbird
import Logging

/// `/health` says the process is alive. `/ready` says the instance does its job: the database answers within
/// the readiness deadline, its schema is current, and no background service is stuck (no successful round for
/// longer than its bound). Otherwise `/ready` answers 503, so that an orchestrator takes the instance out of
/// service or restarts it. Either way its body shows each service's last successful round.
struct HealthRoutes: Sendable {
    struct Status: Encodable {
        var status: String
        var detail: String?
        /// `ok`, `unreachable`, `timeout` or `pending migrations`; only on `/ready`.
        var database: String?
        /// Each background service's liveness, by name; only on `/ready`.
        var services: [String: ServiceHeartbeats.Report]?
    }

    let database: DatabaseReadinessCheck
    let heartbeats: ServiceHeartbeats

    /// Registers `GET /health` and `GET /ready`.
    func addRoutes(to router: some RouterMethods<GatewayRequestContext>) {
        router.get("/health") { _, _ in
            try Response.json(Status(status: "ok"))
        }
        router.get("/ready") { _, context in
            try await self.readiness(context: context)
        }
    }

    private func readiness(context: GatewayRequestContext) async throws -> Response {
        let services = self.heartbeats.reports()
        var status = Status(status: "ready", services: services)
        var problems: [String] = []
        switch await self.database.check(logger: context.logger) {
        case .current:
            status.database = "ok"
        case .pendingMigrations(let pending):
            status.database = "pending migrations"
            problems.append("pending migrations: \(pending.joined(separator: ", "))")
        case .failed:
            status.database = "unreachable"
            problems.append("database unreachable or schema invalid")
        case .timedOut:
            status.database = "timeout"
            problems.append("database did not answer in time")
        }
        let stuck = services.filter(\.value.isStuck).keys.sorted()
        if !stuck.isEmpty {
            problems.append("stuck background services: \(stuck.joined(separator: ", "))")
        }
        guard problems.isEmpty else {
            status.status = "not ready"
            status.detail = problems.joined(separator: "; ")
            context.logger.warning("not ready", metadata: ["detail": "\(status.detail ?? "")"])
            return try Response.json(status, status: .serviceUnavailable)
        }
        return try Response.json(status)
    }
}
