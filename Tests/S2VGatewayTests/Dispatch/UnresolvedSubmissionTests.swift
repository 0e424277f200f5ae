import DashScopeSimulator
import Foundation
import Logging
import NIOHTTP1
import PostgresNIO
import S2VGateway
import S2VStore
import S2VTestSupport
import Testing

/// A submission whose outcome cannot be determined (its answer held or dropped, and the upstream's task list
/// answering 404 or in a shape the gateway does not read) holds up its account for at most
/// `unresolvedSubmissionLimit`: then it is charged its full hold, marked UNKNOWN with `UpstreamOutcomeUnknown`,
/// flagged for review in the ledger, the call log and a metric, and the account's queue resumes. Meanwhile the
/// list is read with backoff, never in a loop, and the other accounts keep dispatching.
@Suite struct UnresolvedSubmissionTests {
    static let hold = Decimal(string: "1.43354")!  // 20 s × 0.071677, the most a 480P task can bill
    static let fiveSeconds = Decimal(string: "0.358385")!  // 5 s × 0.071677

    @Test(
        .timeLimit(.minutes(30)),
        .sharesTheMachine(.timing),
        arguments: [
            (TaskListAnswer.notFound, "dropped"), (.unexpectedShape, "lost"), (.notFound, "lost"),
            (.unexpectedShape, "dropped"),
        ]
    )
    func theAccountResumesWithinTheLimitAndTheOutcomeIsFlagged(list: TaskListAnswer, answer: String) async throws {
        let limit = 4.0
        let harness = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(
                apiKeys: [GatewayHarness.upstreamKey],
                generationTime: .milliseconds(150),
                faults: FaultInjection(timeoutDelay: .seconds(8), taskListAnswer: list)
            ),
            gateway: {
                $0.upstreamTimeout = .seconds(2)
                $0.unresolvedSubmissionLimit = .seconds(limit)
            }
        )
        let key = try await harness.makeTeamKey()
        let admin = try await harness.makeAdminKey()
        let undetermined = try #require(
            try await harness.submit(key: key, seconds: "5", audioQuery: "&sim_fail=\(answer)")
                .output["task_id"] as? String
        )
        let next = try #require(try await harness.submit(key: key, seconds: "5").output["task_id"] as? String)
        try await harness.waitUntilAllSettled()

        // The client sees a final answer, UNKNOWN, that says why.
        let polled = try await harness.task(undetermined, key: key)
        #expect(polled.output["task_status"] as? String == "UNKNOWN", "\(polled.text)")
        #expect(polled.output["code"] as? String == "UpstreamOutcomeUnknown", "\(polled.text)")
        #expect(try await harness.task(next, key: key).output["task_status"] as? String == "SUCCEEDED")

        // Charged the most the upstream could bill, flagged for review in the ledger and the task.
        let (captured, conservative, review) = try #require(
            try await Self.row(
                harness,
                """
                SELECT l.amount, l.conservative, t.needs_review FROM ledger_entries l JOIN tasks t ON t.id = l.task_id
                WHERE l.task_id = '\(undetermined)' AND l.kind = 'capture'
                """,
                as: (Decimal, Bool, Bool).self
            )
        )
        #expect(captured == Self.hold)
        #expect(conservative && review)
        #expect(try await harness.scalar("SELECT sum(held) FROM ledger_entries", as: Decimal.self) == 0, "no hold left")
        let nextCharge = try await harness.scalar(
            "SELECT amount FROM ledger_entries WHERE task_id = '\(next)' AND kind = 'capture'",
            as: Decimal.self
        )
        #expect(nextCharge == Self.fiveSeconds, "the task behind it is metered exactly")
        #expect(
            await harness.simulator.simulator.bill().total.amount == Self.fiveSeconds * 2,
            "the upstream ran both: the rule over-charges by hold - actual, never under-bills"
        )

        // Settled by the rule at the limit, not before it and not long after; the queue resumed after it.
        let (state, code, waited) = try #require(
            try await Self.row(
                harness,
                """
                SELECT state, error_code, extract(epoch FROM finished_at - started_at)::float8 FROM upstream_calls
                WHERE task_id = '\(undetermined)' AND kind = 'submit'
                """,
                as: (String, String?, Double).self
            )
        )
        #expect(state == "unresolved")
        #expect(code == "UpstreamOutcomeUnknown")
        #expect(waited >= limit, "\(waited) s")
        #expect(waited < limit + 30, "the account waited \(waited) s for a limit of \(limit) s")
        let resumedAfter = try await harness.scalar(
            """
            SELECT bool_and(n.started_at >= u.finished_at) FROM upstream_calls n, upstream_calls u
            WHERE n.task_id = '\(next)' AND u.task_id = '\(undetermined)'
            """,
            as: Bool.self
        )
        #expect(resumedAfter == true, "nothing else was sent to the account while the outcome was open")

        // The audit trail and the metric.
        let (method, status, cost) = try #require(
            try await Self.row(
                harness,
                """
                SELECT method, http_status, cost FROM call_log
                WHERE task_id = '\(undetermined)' AND error_code = 'UpstreamOutcomeUnknown'
                """,
                as: (String, Int, Decimal).self
            )
        )
        #expect(method == "RESOLVE" && status == 504 && cost == Self.hold)
        let scraped = try PrometheusExposition(parsing: try await harness.send(.GET, "/metrics", key: admin).text)
        #expect(
            scraped.sample("s2v_dispatch_unresolved_submissions_total", labels: ["account": "default"])?.value == "1"
        )

        // Read with backoff (1 s, 2 s, 4 s…), not four times a second.
        let reads = harness.simulator.simulator.taskListRequests(forKey: GatewayHarness.upstreamKey)
        #expect((1...6).contains(reads), "\(reads) list reads in \(waited) s")
        await harness.stop()
    }

    /// A readable list, in either documented naming, resolves a dropped answer at once and exactly.
    @Test(.timeLimit(.minutes(5)), arguments: [TaskListAnswer.documented, .epochMilliseconds])
    func aReadableListResolvesADroppedAnswerExactly(list: TaskListAnswer) async throws {
        let harness = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(
                apiKeys: [GatewayHarness.upstreamKey],
                generationTime: .milliseconds(150),
                faults: FaultInjection(taskListAnswer: list)
            )
        )
        let key = try await harness.makeTeamKey()
        let dropped = try #require(
            try await harness.submit(key: key, seconds: "7.5", audioQuery: "&sim_fail=dropped")
                .output["task_id"] as? String
        )
        try await harness.waitUntilAllSettled()
        #expect(try await harness.task(dropped, key: key).output["task_status"] as? String == "SUCCEEDED")
        #expect(
            try await harness.scalar(
                "SELECT state FROM upstream_calls WHERE task_id = '\(dropped)' AND kind = 'submit'",
                as: String.self
            ) == "resolved"
        )
        let metered = try await harness.scalar("SELECT sum(amount) FROM ledger_entries", as: Decimal.self)
        #expect(metered == Decimal(string: "0.5375775")!, "7.5 s × 0.071677")
        #expect(await harness.simulator.simulator.bill().total.amount == metered)
        #expect(try await harness.scalar("SELECT count(*) FROM tasks WHERE needs_review", as: Int.self) == 0)
        await harness.stop()
    }

    /// A list that fails for a while is read again with backoff; once it answers, the submission is resolved
    /// from it, exactly, long before the limit.
    @Test(.timeLimit(.minutes(5))) func aListThatRecoversResolvesTheSubmissionFromTheList() async throws {
        let harness = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(
                apiKeys: [GatewayHarness.upstreamKey],
                generationTime: .milliseconds(150),
                faults: FaultInjection(taskListAnswer: .notFound)
            )
        )
        let key = try await harness.makeTeamKey()
        let dropped = try #require(
            try await harness.submit(key: key, seconds: "5", audioQuery: "&sim_fail=dropped")
                .output["task_id"] as? String
        )
        let simulator = harness.simulator.simulator
        // Let the list fail for a few seconds: it is read again with backoff, not in a loop.
        let open =
            "SELECT extract(epoch FROM now() - started_at)::float8 FROM upstream_calls WHERE task_id = '\(dropped)'"
        #expect(try await Self.eventually { try await harness.scalar(open, as: Double.self) ?? 0 >= 4 })
        // A loaded machine reads later, never more often.
        #expect(try await Self.eventually { simulator.taskListRequests(forKey: GatewayHarness.upstreamKey) >= 2 })
        let reads = simulator.taskListRequests(forKey: GatewayHarness.upstreamKey)
        let elapsed = try await harness.scalar(open, as: Double.self) ?? 0
        #expect(Double(reads) <= 2 + elapsed / 2, "\(reads) list reads in \(elapsed) s")
        simulator.setTaskListAnswer(.documented, forKey: GatewayHarness.upstreamKey)
        try await harness.waitUntilAllSettled()
        #expect(try await harness.task(dropped, key: key).output["task_status"] as? String == "SUCCEEDED")
        #expect(
            try await harness.scalar("SELECT sum(amount) FROM ledger_entries", as: Decimal.self) == Self.fiveSeconds
        )
        #expect(try await harness.scalar("SELECT count(*) FROM tasks WHERE needs_review", as: Int.self) == 0)
        await harness.stop()
    }

    /// While one account waits for its limit, the other account takes every task, and the waiting account's list
    /// is not read in a loop.
    @Test(.timeLimit(.minutes(5))) func otherAccountsKeepDispatchingWhileOneWaits() async throws {
        let secondKey = "sk-upstream-second"
        let harness = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(
                apiKeys: [GatewayHarness.upstreamKey, secondKey],
                generationTime: .milliseconds(150),
                faults: FaultInjection(taskListAnswer: .notFound)
            ),
            gateway: { $0.unresolvedSubmissionLimit = .seconds(300) },
            environment: ["S2V_TEST_SECOND_KEY": secondKey],
            beforeStart: { client in
                _ = try await AccountRepository(client: client).add(
                    name: "second",
                    keySource: .environment("S2V_TEST_SECOND_KEY"),
                    limits: AccountLimits(),
                    logger: Logger(label: "test")
                )
            }
        )
        let key = try await harness.makeTeamKey()
        let dropped = try #require(
            try await harness.submit(key: key, seconds: "5", audioQuery: "&sim_fail=dropped")
                .output["task_id"] as? String
        )
        #expect(
            try await Self.eventually {
                try await harness.scalar(
                    "SELECT count(*) FROM upstream_calls WHERE task_id = '\(dropped)' AND state = 'unknown'",
                    as: Int.self
                ) == 1
            }
        )
        let waiting = try #require(
            try await harness.scalar(
                "SELECT upstream_account FROM tasks WHERE id = '\(dropped)'",
                as: String.self
            )
        )
        let readsBefore = harness.simulator.simulator.taskListRequests(
            forKey: waiting == "second" ? secondKey : GatewayHarness.upstreamKey
        )

        var others: [String] = []
        for _ in 0..<6 {
            others.append(try #require(try await harness.submit(key: key, seconds: "3").output["task_id"] as? String))
        }
        #expect(
            try await Self.eventually {
                try await harness.scalar("SELECT count(*) FROM tasks WHERE status = 'SUCCEEDED'", as: Int.self) == 6
            }
        )
        #expect(
            try await harness.scalar(
                "SELECT count(DISTINCT upstream_account) FROM tasks WHERE status = 'SUCCEEDED' AND upstream_account <> '\(waiting)'",
                as: Int.self
            ) == 1,
            "the other account ran them all"
        )
        #expect(
            try await harness.scalar("SELECT phase FROM tasks WHERE id = '\(dropped)'", as: String.self)
                == "submitting",
            "the undetermined submission still waits for its limit"
        )
        let reads =
            harness.simulator.simulator.taskListRequests(
                forKey: waiting == "second" ? secondKey : GatewayHarness.upstreamKey
            ) - readsBefore
        let elapsed =
            try await harness.scalar(
                """
                SELECT extract(epoch FROM now() - started_at)::float8 FROM upstream_calls WHERE task_id = '\(dropped)'
                """,
                as: Double.self
            ) ?? 0
        // Backoff from 1 s doubling to 30 s: about log2(elapsed) reads, never four a second.
        #expect(Double(reads) <= 2 + elapsed / 2, "\(reads) list reads in \(elapsed) s")
        await harness.stop()
    }

    /// The last row `sql` returns, decoded as the given columns.
    static func row<each Column: PostgresDecodable & Sendable>(
        _ harness: GatewayHarness,
        _ sql: String,
        as columns: (repeat each Column).Type
    ) async throws -> (repeat each Column)? {
        try await harness.database.withClient { client in
            var found: (repeat each Column)?
            for try await row in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(columns) { found = row }
            return found
        }
    }

    static func eventually(timeout: Duration = .seconds(120), _ condition: () async throws -> Bool) async throws -> Bool
    {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
