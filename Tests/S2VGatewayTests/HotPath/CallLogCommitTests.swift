import Foundation
import S2VStore
import S2VTestSupport
import Testing

/// Where each request's call-log row is written (issue 17): in the commit the request makes anyway when it pays
/// for something, else on its own without waiting for the WAL flush, with a stated bound on what a crash loses.
@Suite struct CallLogCommitTests {
    /// An admission's row is written by the admission's own statement, and a detect's by its settlement's, charged
    /// what the ledger charged: one transaction each (same `xmin`), and no second row.
    @Test func aPaidCallIsRecordedInTheCommitThatChargesIt() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let admitted = try await harness.submit(key: key)
        #expect(admitted.status == 200, "\(admitted.text)")
        let detected = try await harness.detect(key: key)
        #expect(detected.status == 200, "\(detected.text)")
        let taskID = try #require(admitted.output["task_id"] as? String)
        #expect(try await harness.task(taskID, key: key).status == 200)

        let admissionRows = try await harness.scalar(
            "SELECT count(*) FROM call_log WHERE endpoint LIKE '%video-synthesis'",
            as: Int.self
        )
        #expect(admissionRows == 1)
        let admissionInItsCommit = try await harness.scalar(
            """
            SELECT count(*) FROM call_log c
            JOIN ledger_entries h ON h.task_id = c.task_id AND h.kind = 'hold' AND h.xmin = c.xmin
            WHERE c.endpoint LIKE '%video-synthesis' AND c.http_status = 200
            """,
            as: Int.self
        )
        #expect(admissionInItsCommit == 1, "the admission's row was written by the admission's statement")

        let detectRows = try await harness.scalar(
            "SELECT count(*) FROM call_log WHERE endpoint LIKE '%face-detect'",
            as: Int.self
        )
        #expect(detectRows == 1)
        let detectInItsCommit = try await harness.scalar(
            """
            SELECT count(*) FROM call_log c JOIN ledger_entries l ON l.xmin = c.xmin AND l.kind = 'capture'
            WHERE c.endpoint LIKE '%face-detect' AND c.http_status = 200 AND c.cost = l.amount AND l.amount > 0
            """,
            as: Int.self
        )
        #expect(detectInItsCommit == 1, "the detect's row was written by its settlement, charged the same")

        let pollRows = try await harness.scalar(
            "SELECT count(*) FROM call_log WHERE endpoint = '/api/v1/tasks/{task_id}' AND http_status = 200",
            as: Int.self
        )
        #expect(pollRows == 1, "a poll's row is written once it is answered")
        await harness.stop()
    }

    /// A poll commits nothing paid, so its row is committed without waiting for the WAL flush. The bound: a
    /// PostgreSQL crash loses at most the rows of the last 3 × `wal_writer_delay` (600 ms); every row answered
    /// before that is still there after the crash, as are the admissions' rows, which are durable.
    @Test(.sharesTheMachine(.load)) func pollRowsOlderThanTheBoundSurviveAPostgreSQLCrash() async throws {
        let cluster = try await FreezableCluster.start()
        let harness: GatewayHarness
        do {
            harness = try await GatewayHarness.start(database: cluster.database)
        } catch {
            await cluster.remove()
            throw error
        }
        let key = try await harness.makeTeamKey()
        var tasks: [String] = []
        for _ in 0..<5 {
            let admitted = try await harness.submit(key: key)
            #expect(admitted.status == 200, "\(admitted.text)")
            tasks.append(admitted.output["task_id"] as? String ?? "")
        }
        for _ in 0..<4 {
            for task in tasks { #expect(try await harness.task(task, key: key).status == 200) }
        }
        // Past the bound (and a margin for a loaded machine), then a crash.
        try await Task.sleep(for: .seconds(2))
        try await cluster.stopImmediately()
        try await cluster.restart()

        let polls = try await harness.scalar(
            "SELECT count(*) FROM call_log WHERE endpoint = '/api/v1/tasks/{task_id}'",
            as: Int.self
        )
        #expect(polls == 20, "every poll answered more than the bound before the crash is recorded")
        let admissions = try await harness.scalar(
            "SELECT count(*) FROM call_log WHERE endpoint LIKE '%video-synthesis'",
            as: Int.self
        )
        #expect(admissions == 5)
        await harness.stop(dropDatabase: false)
        await cluster.remove()
    }
}
