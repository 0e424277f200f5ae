import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOPosix
import PostgresNIO
import Prometheus
import S2VStore
import ServiceLifecycle

/// Builds the gateway: its HTTP server, with the PostgreSQL client and background services attached.
///
/// Migrations are applied before the server accepts requests; an applied file that changed stops startup.
/// Services shut down in reverse order, so the server stops accepting before the dispatcher, the poller and
/// the database client stop.
///
/// - Parameters:
///   - configuration: address, upstream and polling settings.
///   - client: the PostgreSQL client; the application runs it.
///   - migrations: the migrations this build knows.
///   - logger: the application's logger.
///   - metrics: the registry the gateway records its own metrics on and `/metrics` exposes. `serve` passes the
///     one it bootstrapped swift-metrics with; by default each application gets a fresh one, so applications
///     built in one process (tests) count only their own requests.
///   - webhookResolver: resolves webhook hosts before each alert delivery, so that every address is checked
///     (the system's `getaddrinfo` by default; tests give names addresses of their own).
///   - onServerRunning: called with the bound port once the server listens (tests pass port 0).
public func buildApplication(
    configuration: GatewayConfiguration,
    client: StoreClient,
    migrations: [Migration],
    logger: Logger,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    metrics registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    webhookResolver: any WebhookResolver = SystemWebhookResolver(),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let store = GatewayStore(
        client: client,
        lookupLifetime: configuration.lookupLifetime,
        metricsTagKeys: configuration.metricsTagKeys
    )
    let metrics = GatewayMetrics(registry: registry)
    let http = HTTPClient(
        eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
        configuration: UpstreamClient.httpConfiguration(connectTimeout: configuration.upstreamConnectTimeout)
    )
    let upstream = UpstreamClient(
        http: http,
        baseURL: configuration.upstreamBaseURL,
        apiKey: configuration.upstreamAPIKey,
        timeout: configuration.upstreamTimeout,
        metrics: metrics
    )
    let dispatcherWake = WakeSignal()
    let startup = StartupGate()
    let pool = AccountPool(
        repository: store.accounts,
        catalog: store.catalog,
        upstream: upstream,
        configuration: configuration,
        environment: environment,
        logger: logger
    )
    let reconciler = SubmissionReconciler(
        metering: store.metering,
        configuration: configuration,
        reads: TaskListReads(pacing: store.pacing),
        metrics: metrics
    )
    let heartbeats = ServiceHeartbeats(metrics: metrics)
    let router = buildRouter(
        store: store,
        pool: pool,
        configuration: configuration,
        client: client,
        migrations: migrations,
        dispatcherWake: dispatcherWake,
        metrics: metrics,
        heartbeats: heartbeats
    )
    let rounds = { (service: BackgroundService) in
        BackgroundRounds(
            service,
            configuration: configuration,
            startup: startup,
            heartbeats: heartbeats,
            metrics: metrics,
            logger: logger
        )
    }
    let services: [any Service] = [
        DatabaseClientService(client: client),
        HTTPClientService(client: http),
        ChangeFeed(client: client, lookups: store.lookups, logger: logger),
        Dispatcher(
            client: client,
            metering: store.metering,
            pacing: store.pacing,
            pool: pool,
            reconciler: reconciler,
            wake: dispatcherWake,
            logger: logger,
            rounds: rounds(.dispatch)
        ),
        TaskPoller(
            metering: store.metering,
            pacing: store.pacing,
            pool: pool,
            configuration: configuration,
            dispatcherWake: dispatcherWake,
            logger: logger,
            rounds: rounds(.poll)
        ),
        DetectIntentRecovery(
            metering: store.metering,
            configuration: configuration,
            logger: logger,
            rounds: rounds(.detectIntentRecovery)
        ),
        AlertDeliverer(
            outbox: store.alertOutbox,
            resolver: webhookResolver,
            settings: configuration.alerts,
            logger: logger,
            rounds: rounds(.alertDelivery)
        ),
    ]
    var application = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "s2v-meter"),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
        logger: logger
    )
    application.beforeServerStarts {
        let applied = try await MigrationRunner(client: client, migrations: migrations, logger: logger).apply()
        logger.info("schema current", metadata: ["applied_now": "\(applied.count)", "known": "\(migrations.count)"])
        let accounts = try await pool.live()
        guard !accounts.isEmpty else { throw GatewayStartupError.noUpstreamAccount }
        logger.info("upstream accounts", metadata: ["accounts": "\(accounts.map(\.name))"])
        startup.open()
    }
    return application
}

/// The gateway's routes and middleware: health, the API contract (`/openapi.json`, `/docs`), metrics
/// (`/metrics`), the DashScope-compatible API under `/api/v1`, reports and the audit trail under `/v1/reports`
/// and `/v1/audit` (admin keys: every team; team keys: their own), the admin API under `/v1` (admin keys only)
/// and the web dashboard under `/dashboard`. Every API request is recorded in the call log, and every request is
/// counted in the metrics. The contract lists exactly these routes (`APIContractRouteTests`).
func buildRouter(
    store: GatewayStore,
    pool: AccountPool,
    configuration: GatewayConfiguration,
    client: StoreClient,
    migrations: [Migration],
    dispatcherWake: WakeSignal,
    metrics: GatewayMetrics,
    heartbeats: ServiceHeartbeats
) -> Router<GatewayRequestContext> {
    let router = Router(context: GatewayRequestContext.self)
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
    router.add(middleware: ErrorMiddleware())
    // One store deadline per request, for all its store operations and its call-log write together.
    router.add(middleware: StoreAllowanceMiddleware(deadline: configuration.storeDeadline, metrics: metrics))
    // Every request under /api/v1 and /v1 is recorded, unknown paths and refused input included.
    router.add(middleware: CallLogMiddleware(callLog: store.callLog))
    router.add(middleware: InputLimitsMiddleware())
    let readiness = DatabaseReadinessCheck(
        client: client,
        migrations: migrations,
        deadline: configuration.readinessDeadline
    )
    HealthRoutes(database: readiness, heartbeats: heartbeats).addRoutes(to: router)
    APIContractRoutes().addRoutes(to: router)

    // Per-team spend is not for everyone: admin keys only, unless scrapers on a private network are trusted.
    // Not in the call log: a scrape every few seconds would drown the calls auditors look for.
    let scrapers =
        configuration.metricsPublic
        ? router.group()
        : router.group()
            .add(middleware: AuthenticationMiddleware(lookups: store.lookups))
            .add(middleware: AdminOnlyMiddleware())
    let storeMetrics = StoreMetrics(
        figures: store.figures,
        budgets: store.budgets,
        deadline: configuration.storeDeadline
    )
    MetricsRoute(metrics: metrics, store: storeMetrics).addRoutes(to: scrapers)

    let api = router.group("api/v1")
        .add(middleware: AuthenticationMiddleware(lookups: store.lookups))
    FaceDetectRoute(store: store, pool: pool, slotWait: configuration.detectSlotWait).addRoutes(to: api)
    VideoSynthesisRoute(store: store, dispatcherWake: dispatcherWake).addRoutes(to: api)
    TaskRoutes(store: store, pool: pool).addRoutes(to: api)

    let reporting = router.group("v1")
        .add(middleware: AuthenticationMiddleware(lookups: store.lookups))
    ReportRoutes(usage: store.usage, invoices: store.invoices, budgets: store.budgets, teams: store.teams)
        .addRoutes(to: reporting)
    AuditRoutes(audit: store.audit, teams: store.teams).addRoutes(to: reporting)

    let admin = router.group("v1")
        .add(middleware: AuthenticationMiddleware(lookups: store.lookups))
        .add(middleware: AdminOnlyMiddleware())
    BudgetRoutes(budgets: store.budgets, teams: store.teams, webhookAddresses: configuration.alerts.addresses)
        .addRoutes(to: admin)
    ModelRoutes(catalog: store.catalog, lookups: store.lookups).addRoutes(to: admin)

    // The browser dashboard answers in HTML, with its own sign-in, so it is outside the API's JSON middlewares.
    DashboardRoutes(
        keys: store.keys,
        sessions: store.dashboardSessions,
        dashboard: store.dashboard,
        audit: store.audit,
        budgets: store.budgets,
        storeDeadline: configuration.storeDeadline
    ).addRoutes(to: router)
    return router
}
