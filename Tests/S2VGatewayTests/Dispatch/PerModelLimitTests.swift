import DashScopeSimulator
import Foundation
import Logging
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// Issue 16: DashScope counts submissions and running tasks per model. The gateway keeps each model of an account
/// within its own limits, so two models run side by side on one account, and an account may override a model's.
@Suite struct PerModelLimitTests {
    @Test(.timeLimit(.minutes(30)), .sharesTheMachine(.timing))
    func wanAndEmoFromTwoTeamsRunSideBySideOnOneAccountWithNoUpstream429() async throws {
        let harness = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(apiKeys: [GatewayHarness.upstreamKey], generationTime: .milliseconds(400))
        )
        let keys = [try await harness.makeTeamKey("alpha"), try await harness.makeTeamKey("beta")]
        let replies = try await withThrowingTaskGroup(of: GatewayHarness.Reply.self) { group in
            for index in 0..<24 {
                let key = keys[index % 2]
                group.addTask {
                    index % 4 < 2
                        ? try await harness.submit(key: key, seconds: "2")
                        : try await harness.synthesize(
                            key: key,
                            body: GatewayHarness.emoBody(extBox: GatewayHarness.portraitBox, seconds: "3")
                        )
                }
            }
            var replies: [GatewayHarness.Reply] = []
            for try await reply in group { replies.append(reply) }
            return replies
        }
        #expect(replies.allSatisfy { $0.status == 200 }, "\(Set(replies.map(\.status)))")
        try await harness.waitUntilAllSettled(timeout: .seconds(240))

        let stats = await harness.simulator.simulator.stats().total
        #expect(stats.throttled[.videoSynthesis] == 0, "the upstream never had to refuse")
        #expect(stats.acceptedSubmissions[.synthesis] == 12 && stats.acceptedSubmissions[.emo] == 12)
        #expect(stats.maxUnfinishedTasksByModel[.synthesis] == 1, "one wan2.2-s2v task upstream at a time")
        #expect(stats.maxUnfinishedTasksByModel[.emo] == 1, "one emo-v1 task upstream at a time")
        #expect(stats.maxRunningTasks == 2, "the two models ran at the same time on the one account")
        #expect(try await harness.scalar("SELECT count(*) FROM tasks WHERE status = 'SUCCEEDED'", as: Int.self) == 24)
        let bill = await harness.simulator.simulator.bill().total.amount
        #expect(try await harness.scalar("SELECT sum(amount) FROM ledger_entries", as: Decimal.self) == bill)
        await harness.stop()
    }

    @Test func anAccountOverridesAModelsLimitsAndTheChangeIsAudited() async throws {
        try await TestDatabase.withClient { client, _ in
            let logger = Logger(label: "test")
            let accounts = AccountRepository(client: client)
            _ = try await accounts.add(
                name: "east",
                keySource: .environment("KEY_EAST"),
                limits: AccountLimits(maxInFlight: 2),
                logger: logger
            )
            try await accounts.setModelLimits(
                account: "east",
                model: "emo-v1",
                ModelLimitOverride(submissionsPerSecond: 2, maxConcurrentTasks: 3),
                actor: "key:1",
                logger: logger
            )
            let stored = try #require(try await accounts.list(logger: logger).first)
            let limits = stored.limits.resolved(
                catalog: try await ModelCatalog(client: client).limits(logger: logger),
                overrides: try await accounts.modelOverrides(logger: logger)["east"] ?? [:]
            )
            #expect(limits.limits(of: "emo-v1") == ModelLimits(submissionsPerSecond: 2, maxConcurrentTasks: 3))
            #expect(limits.limits(of: "wan2.2-s2v") == ModelLimits(submissionsPerSecond: 5, maxConcurrentTasks: 2))
            #expect(limits.limits(of: "videoretalk") == ModelLimits(submissionsPerSecond: 1, maxConcurrentTasks: 2))
            #expect(limits.limits(of: "emo-detect-v1") == ModelLimits(submissionsPerSecond: 5, maxConcurrentTasks: nil))
            await #expect(throws: DomainError.self) {
                try await accounts.setModelLimits(
                    account: "east",
                    model: "emo-detect-v1",
                    ModelLimitOverride(submissionsPerSecond: nil, maxConcurrentTasks: 2),
                    logger: logger
                )
            }
            let audited = try await client.query(
                "SELECT actor FROM admin_changes WHERE object = 'account' AND after ? 'model'"
            )
            var actors: [String] = []
            for try await actor in audited.decode(String.self) { actors.append(actor) }
            #expect(actors == ["key:1"])
        }
    }
}
