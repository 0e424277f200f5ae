import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 17: two `serve` processes cache keys and prices. A revoked key stops working on both within a second of
/// the revocation, and a new price applies on both from its effective time.
@Suite struct CachedLookupBoundsTests {
    @Test(.timeLimit(.minutes(5))) func revocationsAndNewPricesReachBothInstancesWithinTheirBounds() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        let key = try await database.withClient { client in
            let team = try await TeamRepository(client: client).create(name: "cached", logger: Logger(label: "test"))
            return try await APIKeyRepository(client: client).create(
                teamID: team.id,
                isAdmin: false,
                name: "",
                logger: Logger(label: "test")
            ).1.value
        }
        let simulatorPort = try CommandLineProcess.freePort()
        let simulator = try CommandLineProcess.start([
            "simulate", "--port", "\(simulatorPort)", "--api-key", "sk-cache", "--submissions-per-second", "1000",
        ])
        defer { simulator.child.signal(SIGKILL) }
        var environment = ProcessInfo.processInfo.environment
        environment["DASHSCOPE_API_KEY"] = "sk-cache"
        var gateways: [CommandLineProcess] = []
        var ports: [Int] = []
        for _ in 0..<2 {
            let port = try CommandLineProcess.freePort()
            gateways.append(
                try CommandLineProcess.start(
                    [
                        "serve", "--port", "\(port)", "--upstream-url", "http://127.0.0.1:\(simulatorPort)/api/v1",
                        "--database-url", url, "--log-level", "warning", "--submissions-per-second", "1000",
                    ],
                    environment: environment
                )
            )
            ports.append(port)
        }
        defer { for gateway in gateways { gateway.child.signal(SIGKILL) } }
        for port in ports {
            #expect(try await CrashRecoveryTests.waitForStatus(200, "http://127.0.0.1:\(port)/ready"))
        }

        // A new detect price, effective a few seconds from now: both instances cache the price book before it.
        let effective = Date().addingTimeInterval(6)
        for port in ports { #expect(await Self.detect(port: port, key: key) == 200) }
        let set = try await CommandLineProcess.run([
            "prices", "set", "--model", "wan2.2-s2v-detect", "--unit-price", "0.0009", "--effective-from",
            effective.formatted(.iso8601), "--database-url", url,
        ])
        #expect(set.status == 0, "\(set.output)")
        // Calls begun until 1.5 s before it, then none until half a second after it, then calls again. A call is
        // recorded when it was made (attributed_at); the gaps leave room for a slow call on a loaded machine, so
        // that every call recorded half a second or more before the effective time was made before it, and every
        // call recorded half a second or more after it was made after it.
        while Date() < effective.addingTimeInterval(-1.5) {
            for port in ports { #expect(await Self.detect(port: port, key: key) == 200) }
        }
        let before = effective.addingTimeInterval(-0.5)
        let after = effective.addingTimeInterval(0.5)
        while Date() < after { try await Task.sleep(for: .milliseconds(20)) }
        for _ in 0..<5 {
            for port in ports { #expect(await Self.detect(port: port, key: key) == 200) }
        }
        let prices = try await database.withClient { client in
            var prices: [(Date, Decimal)] = []
            let rows = try await client.query(
                "SELECT attributed_at, unit_price FROM ledger_entries WHERE kind = 'capture' ORDER BY attributed_at"
            )
            for try await row in rows.decode((Date, Decimal).self) { prices.append(row) }
            return prices
        }
        #expect(prices.count >= 12)
        #expect(prices.filter { $0.0 < before }.allSatisfy { $0.1 == Decimal(string: "0.000574") }, "\(prices)")
        #expect(prices.filter { $0.0 >= after }.allSatisfy { $0.1 == Decimal(string: "0.0009") }, "\(prices)")
        #expect(prices.filter { $0.0 >= after }.count == 10)

        // The key works on both (and is cached there); revoked, it stops working on both within a second.
        for port in ports { #expect(await Self.detect(port: port, key: key) == 200) }
        let revoke = try await CommandLineProcess.run(["keys", "revoke", "1", "--database-url", url])
        #expect(revoke.status == 0, "\(revoke.output)")
        try await Task.sleep(for: .milliseconds(1_050))
        for port in ports { #expect(await Self.detect(port: port, key: key) == 401) }

        for gateway in gateways {
            gateway.child.signal(SIGTERM)
            _ = await gateway.child.wait()
        }
        try? await database.cluster.dropDatabase(database.name)
    }

    /// The status of one wan2.2-s2v-detect call; 0 when no answer came.
    static func detect(port: Int, key: String) async -> Int {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/services/aigc/image2video/face-detect")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.body = .bytes(
            ByteBuffer(string: #"{"model":"wan2.2-s2v-detect","input":{"image_url":"https://e.com/f.jpg"}}"#)
        )
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            return Int(response.status.code)
        } catch {
            return 0
        }
    }
}
