import Hummingbird
import Logging
import PostgresNIO
import S2VStore
import ServiceLifecycle

/// Builds the gateway: its HTTP server, with the PostgreSQL client and background services attached.
///
/// Migrations are applied before the server accepts requests; an applied file that changed stops startup.
/// Services shut down in reverse order, so the server stops accepting before the database client closes.
///
/// - Parameters:
///   - configuration: address and upstream settings.
///   - client: the PostgreSQL client; the application runs it.
///   - migrations: the migrations this build knows.
///   - logger: the application's logger.
public func buildApplication(
    configuration: GatewayConfiguration,
    client: PostgresClient,
    migrations: [Migration],
    logger: Logger
) -> some ApplicationProtocol {
    let router = buildRouter(client: client, migrations: migrations)
    var application = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "s2v-meter"),
        services: [client],
        logger: logger)
    application.beforeServerStarts {
        let applied = try await MigrationRunner(client: client, migrations: migrations, logger: logger).apply()
        logger.info("schema current", metadata: ["applied_now": "\(applied.count)", "known": "\(migrations.count)"])
    }
    return application
}

/// The gateway's routes and middleware.
func buildRouter(client: PostgresClient, migrations: [Migration]) -> Router<GatewayRequestContext> {
    let router = Router(context: GatewayRequestContext.self)
    router.add(middleware: ErrorMiddleware())
    HealthRoutes(client: client, migrations: migrations).register(on: router)
    return router
}
