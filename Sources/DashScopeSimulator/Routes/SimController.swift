import Hummingbird
import HummingbirdCore

/// The simulator's own endpoints, `GET /sim/bill` and `GET /sim/stats`. They need no API key: they
/// report on all accounts and are meant for tests and operators, not for DashScope clients.
struct SimController<Context: RequestContext>: Sendable {
    let engine: SimulatorEngine

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("bill", use: self.bill)
        group.get("stats", use: self.stats)
    }

    @Sendable func bill(_ request: Request, context: Context) async throws -> Response {
        .json(await self.engine.bill().json)
    }

    @Sendable func stats(_ request: Request, context: Context) async throws -> Response {
        .json(await self.engine.stats().json)
    }
}
