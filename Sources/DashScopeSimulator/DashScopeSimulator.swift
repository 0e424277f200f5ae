import Foundation
import Hummingbird
import Logging
import NIOCore

/// A fake DashScope digital-human video API, written from the upstream contract alone, with its own bill and
/// traffic statistics. It serves the family: `wan2.2-s2v-detect` + `wan2.2-s2v`, `emo-detect-v1` + `emo-v1`,
/// `liveportrait-detect` + `liveportrait`, and `videoretalk`; each model has its own submission limit and runs
/// one task at a time per account, beside the other models' tasks.
///
/// Serves under `/api/v1`:
/// - `POST /services/aigc/image2video/face-detect` (the detect models)
/// - `POST /services/aigc/image2video/video-synthesis` (the video models; also with a trailing slash)
/// - `GET /tasks/{id}`, `POST /tasks/{id}/cancel`, `GET /tasks`
///
/// and, without an API key, `GET /sim/bill` and `GET /sim/stats`.
public final class DashScopeSimulator: Sendable {
    /// The configuration the simulator was built with.
    public let configuration: SimulatorConfiguration
    let engine: SimulatorEngine
    private let taskListAnswers: TaskListAnswers
    private let logger: Logger

    /// Creates a simulator.
    /// - Parameters:
    ///   - configuration: Keys, timings, limits and faults.
    ///   - now: The clock tasks, limits and timestamps follow. Timeout and lost-response delays
    ///     always use real time.
    ///   - logger: Logger for the simulator's server.
    public init(
        configuration: SimulatorConfiguration,
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger
    ) {
        self.configuration = configuration
        self.engine = SimulatorEngine(configuration: configuration, now: now)
        self.taskListAnswers = TaskListAnswers(default: configuration.faults.taskListAnswer)
        self.logger = logger
    }

    /// Builds the router with every simulator route.
    public func buildRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(DashScopeErrorMiddleware())
        router.middlewares.add(LogRequestsMiddleware(.debug))
        let authenticator = APIKeyAuthenticator(engine: self.engine)
        let api = router.group("api/v1")
        SubmissionController(
            engine: self.engine,
            authenticator: authenticator,
            defaultAudioSeconds: self.configuration.defaultAudioSeconds,
            timeoutDelay: self.configuration.faults.timeoutDelay,
            launchedModels: self.configuration.launchedModels
        ).addRoutes(to: api)
        TaskController(engine: self.engine, authenticator: authenticator, listAnswers: self.taskListAnswers)
            .addRoutes(to: api)
        SimController(engine: self.engine).addRoutes(to: router.group("sim"))
        return router
    }

    /// Builds the HTTP application; it is a swift-service-lifecycle `Service`, so run it with
    /// `runService()` or inside a `ServiceGroup`.
    /// - Parameters:
    ///   - host: Address to bind.
    ///   - port: Port to bind; 0 lets the OS choose.
    ///   - onServerRunning: Called once listening, with the bound port.
    public func buildApplication(
        host: String = "127.0.0.1",
        port: Int,
        onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: self.buildRouter(),
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: port),
                serverName: "dashscope-simulator"
            ),
            onServerRunning: { channel in
                await onServerRunning(channel.localAddress?.port ?? port)
            },
            logger: self.logger
        )
    }

    /// The simulator's bill as of now: the same data `GET /sim/bill` returns.
    public func bill() async -> SimulatorBill {
        await self.engine.bill()
    }

    /// Changes how `GET /tasks` answers the account of `apiKey` from now on; nil goes back to the configured
    /// `FaultInjection.taskListAnswer`.
    public func setTaskListAnswer(_ answer: TaskListAnswer?, forKey apiKey: String) {
        self.taskListAnswers.set(answer, for: apiKey)
    }

    /// How many `GET /tasks` requests the account of `apiKey` has made (authenticated ones, whatever the answer).
    public func taskListRequests(forKey apiKey: String) -> Int {
        self.taskListAnswers.requests(of: apiKey)
    }

    /// The traffic statistics as of now: the same data `GET /sim/stats` returns.
    public func stats() async -> SimulatorStats {
        await self.engine.stats()
    }
}
