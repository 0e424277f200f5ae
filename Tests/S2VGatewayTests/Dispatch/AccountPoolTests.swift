import AsyncHTTPClient
import Foundation
import Logging
import S2VStore
import S2VTestSupport
import Testing

@testable import S2VGateway

/// Which accounts an instance uses: the pool table's accounts whose key it can read, plus its own key.
@Suite struct AccountPoolTests {
    @Test func oneKeyIsOneAccountWhateverItIsCalled() async throws {
        try await TestDatabase.withClient { client, _ in
            let logger = Logger(label: "test")
            let accounts = AccountRepository(client: client)
            _ = try await accounts.add(
                name: "main",
                keySource: .environment("KEY_MAIN"),
                limits: AccountLimits(),
                logger: logger
            )
            _ = try await accounts.add(
                name: "alias",
                keySource: .environment("KEY_ALIAS"),
                limits: AccountLimits(),
                logger: logger
            )
            _ = try await accounts.add(
                name: "other",
                keySource: .environment("KEY_OTHER"),
                limits: AccountLimits(),
                logger: logger
            )
            _ = try await accounts.add(
                name: "unreadable",
                keySource: .file("/nonexistent/key"),
                limits: AccountLimits(),
                logger: logger
            )
            let upstream = UpstreamClient(
                http: HTTPClient.shared,
                baseURL: "http://127.0.0.1:9/api/v1",
                apiKey: nil,
                timeout: .seconds(1)
            )
            // The serve command's own key is also the pool's "main" key.
            let configuration = GatewayConfiguration(
                upstreamBaseURL: upstream.baseURL,
                upstreamAPIKey: UpstreamAPIKey(secret: "sk-main")
            )
            let pool = AccountPool(
                repository: accounts,
                catalog: ModelCatalog(client: client),
                upstream: upstream,
                configuration: configuration,
                environment: ["KEY_MAIN": "sk-main", "KEY_ALIAS": "sk-main", "KEY_OTHER": "sk-other"],
                logger: logger
            )
            let names = try await pool.all().map(\.name)
            #expect(names == ["alias", "other"] || names == ["main", "other"], "\(names)")
            #expect(names.count == 2, "the same key under two names, or as the serve key, counts once")

            #expect(try await accounts.remove(name: "other", logger: logger))
            let refreshed = AccountPool(
                repository: accounts,
                catalog: ModelCatalog(client: client),
                upstream: upstream,
                configuration: configuration,
                environment: ["KEY_MAIN": "sk-main", "KEY_OTHER": "sk-other"],
                logger: logger
            )
            let live = try await refreshed.live().map(\.name)
            let all = try await refreshed.all().map(\.name)
            #expect(live == ["main"], "a removed account gets no new work")
            #expect(all.contains("other"), "but its unfinished tasks are still followed")
        }
    }
}
