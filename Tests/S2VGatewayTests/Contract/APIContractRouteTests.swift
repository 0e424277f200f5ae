import AsyncHTTPClient
import Hummingbird
import Logging
import NIOPosix
import PostgresNIO
import Prometheus
import S2VCore
import S2VStore
import Testing

@testable import S2VGateway

/// The contract and the code cannot drift apart: every route the gateway registers is an operation of the
/// document, and every operation of the document is a registered route.
@Suite struct APIContractRouteTests {
    @Test func everyRouteIsInTheDocumentAndEveryOperationIsARoute() async throws {
        let routes = try await Self.registeredRoutes()
        let operations = Self.documentedOperations()
        #expect(!routes.isEmpty)
        let undocumented = routes.subtracting(operations).sorted()
        let unrouted = operations.subtracting(routes).sorted()
        #expect(undocumented.isEmpty, "routes the document does not describe: \(undocumented)")
        #expect(unrouted.isEmpty, "operations the gateway does not serve: \(unrouted)")
    }

    /// `GET /v1/budgets`-style names of the operations in the document.
    static func documentedOperations() -> Set<String> {
        guard case .object(let paths) = APIContract.document["paths"] else { return [] }
        return Set(
            paths.flatMap { path, item in
                APIReferencePage.methods.filter { item[$0] != nil }.map { "\($0.uppercased()) \(path)" }
            }
        )
    }

    /// The routes `buildRouter` registers, built as `buildApplication` builds them, without running anything.
    static func registeredRoutes() async throws -> Set<String> {
        let logger = Logger(label: "contract-routes")
        let configuration = GatewayConfiguration(upstreamBaseURL: "http://127.0.0.1:1/api/v1", upstreamAPIKey: nil)
        let client = StoreClient(
            configuration: PostgresClient.Configuration(
                host: "127.0.0.1",
                port: 1,
                username: "nobody",
                password: nil,
                database: nil,
                tls: .disable
            ),
            backgroundLogger: logger
        )
        let store = GatewayStore(client: client)
        let metrics = GatewayMetrics(registry: PrometheusCollectorRegistry())
        let http = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
        let upstream = UpstreamClient(
            http: http,
            baseURL: configuration.upstreamBaseURL,
            apiKey: nil,
            timeout: configuration.upstreamTimeout,
            metrics: metrics
        )
        let router = buildRouter(
            store: store,
            pool: AccountPool(
                repository: store.accounts,
                catalog: store.catalog,
                upstream: upstream,
                configuration: configuration,
                environment: [:],
                logger: logger
            ),
            configuration: configuration,
            client: client,
            migrations: [],
            dispatcherWake: WakeSignal(),
            metrics: metrics,
            heartbeats: ServiceHeartbeats(metrics: metrics)
        )
        try await http.shutdown()
        return Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
    }
}
