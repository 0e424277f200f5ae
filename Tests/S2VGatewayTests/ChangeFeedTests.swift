import DashScopeSimulator
import Foundation
import PostgresNIO
import S2VGateway
import S2VStore
import S2VTestSupport
import Testing

/// Issue 17: keys, models and prices are cached, and a change made anywhere reaches the cache through PostgreSQL's
/// notifications. With the caches' lifetime set to an hour, only a notification can make a change visible.
@Suite struct ChangeFeedTests {
    @Test func aRevocationAndANewPriceReachTheCacheByNotification() async throws {
        let harness = try await GatewayHarness.start(gateway: { $0.lookupLifetime = .seconds(3600) })
        let key = try await harness.makeTeamKey()
        let body = #"{"model":"liveportrait-detect","input":{"image_url":"https://example.com/face.jpg"}}"#
        #expect(try await harness.faceDetect(key: key, body: body).status == 400, "unpriced: cached as such")
        #expect(try await harness.detect(key: key).status == 200, "the key: cached")

        try await harness.setPrice(model: "liveportrait-detect", unitPrice: "0.000574")
        #expect(try await Self.eventually { try await harness.faceDetect(key: key, body: body).status == 200 })

        try await harness.database.withClient { client in
            _ = try await client.query("UPDATE api_keys SET revoked_at = now()")
        }
        #expect(try await Self.eventually { try await harness.detect(key: key).status == 401 })
        await harness.stop()
    }

    /// Whether `condition` holds within 30 seconds, tried every 50 ms.
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
