import DashScopeSimulator
import Foundation
import Logging
import S2VGateway
import S2VStore
import S2VTestSupport
import Testing

/// With PostgreSQL gone, the gateway refuses with 503 and makes no paid upstream call.
@Suite struct FailClosedTests {
    @Test func storeDownMeans503AndNothingUpstream() async throws {
        // A cluster of its own, since this test stops it.
        let directory = "/tmp/s2v-failclosed-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cluster = try await EmbeddedPostgres.prepare(dataDirectory: directory, logger: Logger(label: "test"))
        try await cluster.start()
        let harness = try await GatewayHarness.start(
            gateway: { $0.storeDeadline = .seconds(3) },
            database: TestDatabase(name: EmbeddedPostgres.defaultDatabase, cluster: cluster)
        )
        let key = try await harness.makeTeamKey()
        let created = try await harness.submit(key: key)
        let taskID = try #require(created.output["task_id"] as? String)
        try await harness.waitUntilAllSettled()
        let attemptsBefore = await harness.simulator.simulator.stats().total.submissionAttempts.values.reduce(0, +)

        #expect(try await cluster.stopIfUnused(), "the test's cluster stops")

        let detect = try await harness.detect(key: key)
        #expect(detect.status == 503)
        #expect(detect.json["code"] as? String == "ServiceUnavailable")
        let submit = try await harness.submit(key: key)
        #expect(submit.status == 503)
        let poll = try await harness.task(taskID, key: key)
        #expect(poll.status == 503)
        let attemptsAfter = await harness.simulator.simulator.stats().total.submissionAttempts.values.reduce(0, +)
        #expect(attemptsAfter == attemptsBefore, "the simulator received nothing once the store was gone")
        #expect(await harness.simulator.simulator.bill().total.images == 0)

        // When PostgreSQL is back, so is the gateway.
        try await cluster.start()
        var recovered = false
        let deadline = ContinuousClock.now + .seconds(120)
        while !recovered, ContinuousClock.now < deadline {
            recovered = try await harness.detect(key: key).status == 200
            if !recovered { try await Task.sleep(for: .milliseconds(500)) }
        }
        #expect(recovered, "the gateway serves again once the store is back")
        await harness.stop(dropDatabase: false)
        try await cluster.stopIfUnused()
    }
}
