import Foundation
import Logging
import PostgresNIO
import S2VStore
import S2VTestSupport
import Testing

/// `kill -9` of the gateway at random moments during a faulty run, then restart: the metered total still
/// equals the upstream's bill, no task is settled twice and no hold is left behind. With the upstream's task list
/// unreadable, no account stays stuck: every submission a crash or a lost answer left open is settled by rule
/// within the limit, and nothing the upstream billed goes unmetered.
@Suite struct CrashRecoveryTests {
    @Test(.timeLimit(.minutes(30)), .sharesTheMachine(.load)) func killNineAtRandomMomentsLosesAndDoublesNothing()
        async throws
    {
        var run = try await KillNineRun.start()
        let restarts = try await run.submit(200, killingTheGateway: 6)
        #expect(restarts == 6, "the gateway came back after every kill")

        #expect(try await run.waitUntilSettled(), "every task settles after the restarts")
        let (captured, settlements, tasks, held) = try await Self.ledger(run)
        let bill = try await run.bill()
        #expect(tasks >= 200)
        #expect(settlements == tasks, "each task settled exactly once")
        #expect(held == 0, "no hold left behind")
        #expect(captured == bill.total, "metered \(captured), upstream billed \(bill.total)")
        await run.finish()
    }

    @Test(.timeLimit(.minutes(30)), .sharesTheMachine(.load))
    func killNineWithTheTaskListUnreadableLeavesNoAccountStuck() async throws {
        var run = try await KillNineRun.start(
            simulatorOptions: ["--task-list", "not-found", "--dropped-rate", "0.03"],
            serveOptions: ["--unresolved-submission-limit", "2"]
        )
        let restarts = try await run.submit(200, killingTheGateway: 12)
        #expect(restarts == 12, "the gateway came back after every kill")

        #expect(try await run.waitUntilSettled(), "every task settles although no open submission can be looked up")
        #expect(
            try await run.count(
                """
                SELECT count(*)::int FROM upstream_calls WHERE kind = 'submit' AND state IN ('intent', 'unknown')
                """
            ) == 0,
            "no submission left open"
        )
        #expect(try await run.count("SELECT count(*)::int FROM dispatch_queue") == 0)
        // The account still takes work.
        #expect(try await KillNineRun.submit(port: run.gatewayPort, key: run.key, seconds: "3", tier: "480P") == 200)
        #expect(try await run.waitUntilSettled(), "a task after the run is dispatched and settles")

        let (captured, settlements, tasks, held) = try await Self.ledger(run)
        #expect(tasks >= 201)
        #expect(settlements == tasks, "each task settled exactly once")
        #expect(held == 0, "no hold left behind")

        // The submissions settled by rule: flagged in the task, the upstream call and the audit trail alike.
        let flagged = try await run.count(
            """
            SELECT count(*)::int FROM tasks
            WHERE status = 'UNKNOWN' AND needs_review AND upstream_output->>'code' = 'UpstreamOutcomeUnknown'
            """
        )
        #expect(flagged >= 1, "the run left submissions without a known outcome")
        #expect(try await run.count("SELECT count(*)::int FROM upstream_calls WHERE state = 'unresolved'") == flagged)
        #expect(
            try await run.count(
                """
                SELECT count(*)::int FROM call_log WHERE method = 'RESOLVE' AND error_code = 'UpstreamOutcomeUnknown'
                """
            ) == flagged
        )

        // Every task the gateway knows upstream is metered exactly as billed; the upstream tasks it could not
        // know are fewer than the flagged submissions and billed less than their holds: never under-billed.
        let bill = try await run.bill()
        let known = try await Self.chargesByUpstreamTask(run)
        for (upstreamTaskID, charged) in known {
            #expect(charged == bill.tasks[upstreamTaskID] ?? 0, "upstream task \(upstreamTaskID)")
        }
        let unknownToGateway = bill.tasks.filter { known[$0.key] == nil }
        #expect(unknownToGateway.count <= flagged)
        let flaggedCharges = captured - known.values.reduce(0, +)
        #expect(unknownToGateway.values.reduce(0, +) <= flaggedCharges)
        #expect(captured >= bill.total, "metered \(captured), upstream billed \(bill.total)")
        await run.finish()
    }

    /// Captured amount, settlements, tasks and money still held, from the ledger.
    static func ledger(_ run: KillNineRun) async throws -> (Decimal, Int, Int, Decimal) {
        try await run.database.withClient { client in
            var result: (Decimal, Int, Int, Decimal) = (0, 0, 0, 0)
            let rows = try await client.query(
                """
                SELECT coalesce(sum(amount) FILTER (WHERE kind = 'capture'), 0),
                       count(*) FILTER (WHERE kind IN ('capture', 'release'))::int,
                       (SELECT count(*) FROM tasks)::int, coalesce(sum(held), 0)
                FROM ledger_entries
                """
            )
            for try await row in rows.decode((Decimal, Int, Int, Decimal).self) { result = row }
            return result
        }
    }

    /// What the gateway charged for each task it knows the upstream id of (0 for a release).
    static func chargesByUpstreamTask(_ run: KillNineRun) async throws -> [String: Decimal] {
        try await run.database.withClient { client in
            var charges: [String: Decimal] = [:]
            let rows = try await client.query(
                """
                SELECT t.upstream_task_id, l.amount FROM tasks t
                JOIN ledger_entries l ON l.task_id = t.id AND l.kind IN ('capture', 'release')
                WHERE t.upstream_task_id IS NOT NULL
                """
            )
            for try await (id, amount) in rows.decode((String, Decimal).self) { charges[id] = amount }
            return charges
        }
    }

    static func waitForStatus(_ status: Int, _ url: String) async throws -> Bool {
        try await KillNineRun.waitForStatus(status, url)
    }
}
