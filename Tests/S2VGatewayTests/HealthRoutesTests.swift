import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOFoundationCompat
import PostgresNIO
import S2VGateway
import S2VStore
import S2VTestSupport
import Testing

@Suite struct HealthRoutesTests {
    let logger = Logger(label: "test.gateway")

    func application(database: TestDatabase) throws -> some ApplicationProtocol {
        let client = StoreClient(configuration: database.configuration, backgroundLogger: self.logger)
        return buildApplication(
            // A generous readiness deadline: the suite runs on two cores, and a starved check is not what these test.
            configuration: GatewayConfiguration(
                port: 0,
                upstreamBaseURL: "http://127.0.0.1:9/api/v1",
                upstreamAPIKey: UpstreamAPIKey(secret: "sk-never-used"),
                readinessDeadline: .seconds(30)
            ),
            client: client,
            migrations: try MigrationDirectory.locate().load(),
            logger: self.logger
        )
    }

    @Test func readyAfterStartupMigratesAnEmptyDatabase() async throws {
        let database = try await TestDatabase.make(migrated: false)
        try await self.application(database: database).test(.live) { client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            let ready = try await client.execute(uri: "/ready", method: .get)
            #expect(ready.status == .ok)
            #expect(String(buffer: ready.body).contains("\"ready\""))
        }
        try await database.cluster.dropDatabase(database.name)
    }

    @Test func unknownRoutesAnswerInDashScopesFlatErrorBody() async throws {
        let database = try await TestDatabase.make(migrated: true)
        try await self.application(database: database).test(.live) { client in
            let response = try await client.execute(uri: "/api/v1/no-such-thing", method: .get)
            #expect(response.status == .notFound)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String]
            #expect(body?["code"] == "NotFound")
            #expect(body?["request_id"]?.count == 36)
            #expect(body?["message"]?.isEmpty == false)
        }
        try await database.cluster.dropDatabase(database.name)
    }
}
