import DashScopeSimulator
import Foundation
import Logging
import NIOHTTP1
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// Client limits per team and per key: a token bucket, a cap on queued + running tasks and a daily task count,
/// refused with 429 Throttling.RateQuota and rate-limit headers; a refusal takes nothing from any other limit.
@Suite struct ClientLimitTests {
    @Test func aKeysRequestRateIsATokenBucketWithBurst() async throws {
        let harness = try await GatewayHarness.start()
        let (first, firstID) = try await harness.makeTeamKeyWithID("bucket")
        let other = try await harness.makeKey(forTeam: "bucket")
        try await harness.setLimits(.key(firstID), ClientLimits(requestsPerSecond: Decimal(string: "0.01")!, burst: 3))
        for _ in 0..<3 {
            #expect(try await harness.send(.GET, "/api/v1/tasks", key: first).status == 200)
        }
        let refused = try await harness.send(.GET, "/api/v1/tasks", key: first)
        #expect(refused.status == 429, "\(refused.text)")
        #expect(refused.json["code"] as? String == "Throttling.RateQuota")
        #expect(Int(refused.headers["Retry-After"].first ?? "") ?? 0 >= 1)
        #expect(refused.headers["X-RateLimit-Limit"].first == "3")
        #expect(refused.headers["X-RateLimit-Remaining"].first == "0")
        #expect(Int(refused.headers["X-RateLimit-Reset"].first ?? "") ?? 0 >= 1)
        // Another key of the same team has its own bucket.
        #expect(try await harness.send(.GET, "/api/v1/tasks", key: other).status == 200)
        await harness.stop()
    }

    @Test func aRefusalByOneLimitTakesNothingFromTheOthers() async throws {
        let harness = try await GatewayHarness.start(
            simulator: .init(apiKeys: [GatewayHarness.upstreamKey], generationTime: .seconds(3600))
        )
        let (submitter, submitterID) = try await harness.makeTeamKeyWithID("capped")
        let canceller = try await harness.makeKey(forTeam: "capped")
        let teamID = try #require(
            try await harness.scalar("SELECT id FROM teams WHERE name = 'capped'", as: Int64.self)
        )
        // Three requests in the bucket for the submitting key, and two tasks at once for the team.
        try await harness.setLimits(
            .key(submitterID),
            ClientLimits(requestsPerSecond: Decimal(string: "0.001")!, burst: 3)
        )
        try await harness.setLimits(.team(teamID), ClientLimits(maxActiveTasks: 2))

        #expect(try await harness.submit(key: submitter).status == 200)
        // The account runs one task at a time, so the second stays in the gateway's queue.
        let queuedTask = try #require(try await harness.submit(key: submitter).output["task_id"] as? String)
        let capped = try await harness.submit(key: submitter)
        #expect(capped.status == 429, "\(capped.text)")
        #expect(capped.json["code"] as? String == "Throttling.RateQuota")
        #expect(capped.headers["X-RateLimit-Limit"].first == "2")
        // Refused by the cap: no task, no hold.
        #expect(try await harness.scalar("SELECT count(*) FROM tasks", as: Int.self) == 2)
        #expect(try await harness.scalar("SELECT count(*) FROM ledger_entries WHERE kind = 'hold'", as: Int.self) == 2)

        // A task of the team ends (another key cancels the queued one, locally), so the cap has room: the submitting key still has its
        // third token, which the refused request did not take.
        #expect(try await harness.send(.POST, "/api/v1/tasks/\(queuedTask)/cancel", key: canceller).status == 200)
        #expect(try await harness.submit(key: submitter).status == 200)
        let emptyBucket = try await harness.submit(key: submitter)
        #expect(emptyBucket.status == 429)
        #expect(emptyBucket.headers["X-RateLimit-Limit"].first == "3", "now the bucket is empty")
        await harness.stop()
    }

    @Test func aBudgetRefusalTakesNoTokenAndATokenRefusalNoBudget() async throws {
        let harness = try await GatewayHarness.start()
        let (key, keyID) = try await harness.makeTeamKeyWithID("budgeted")
        try await harness.setLimits(.key(keyID), ClientLimits(requestsPerSecond: Decimal(string: "0.001")!, burst: 1))
        let budgetID = try await harness.database.withClient { client in
            try await BudgetRepository(client: client).set(
                try BudgetSpecification(scope: .key(id: keyID), limit: Decimal(string: "0.01")!, period: .month),
                logger: Logger(label: "test")
            ).0.id
        }
        let refusedByBudget = try await harness.submit(key: key)
        #expect(refusedByBudget.status == 403, "\(refusedByBudget.text)")
        try await harness.database.withClient { client in
            _ = try await BudgetRepository(client: client).delete(id: budgetID, logger: Logger(label: "test"))
        }
        // The token is still there.
        #expect(try await harness.submit(key: key).status == 200)
        // Now the bucket is empty: the next request is refused before any hold is taken.
        #expect(try await harness.submit(key: key).status == 429)
        #expect(try await harness.scalar("SELECT count(*) FROM ledger_entries WHERE kind = 'hold'", as: Int.self) == 1)
        #expect(try await harness.scalar("SELECT count(*) FROM tasks", as: Int.self) == 1)
        await harness.stop()
    }

    @Test func aDailyTaskCountRenewsAtUTCMidnight() async throws {
        let harness = try await GatewayHarness.start()
        let (key, keyID) = try await harness.makeTeamKeyWithID("daily")
        try await harness.setLimits(.key(keyID), ClientLimits(tasksPerDay: 1))
        #expect(try await harness.submit(key: key).status == 200)
        let refused = try await harness.submit(key: key)
        #expect(refused.status == 429)
        #expect((refused.json["message"] as? String)?.contains("per UTC day") == true, "\(refused.text)")
        let reset = Int(refused.headers["X-RateLimit-Reset"].first ?? "") ?? 0
        #expect(reset >= 1 && reset <= 86_400)
        await harness.stop()
    }
}
