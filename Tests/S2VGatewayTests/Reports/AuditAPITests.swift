import DashScopeSimulator
import Foundation
import Logging
import NIOHTTP1
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// The audit trail over HTTP: filters, cursor pages that neither skip nor repeat, CSV export, and the admin
/// change log with who, when, before and after.
@Suite struct AuditAPITests {
    @Test func callsAreFilteredAndPagedWithoutGapsOrRepeats() async throws {
        let harness = try await GatewayHarness.start()
        let admin = try await harness.makeAdminKey()
        let (alpha, alphaKeyID) = try await harness.makeTeamKeyWithID("audit-alpha")
        for _ in 0..<5 { #expect(try await harness.detect(key: alpha).status == 200) }
        let task = try #require(try await harness.submit(key: alpha, seconds: "4").output["task_id"] as? String)
        try await harness.waitUntilAllSettled()
        // A budget with no room: the next calls are refused with 403 BudgetExceeded.
        let budget = try await harness.send(
            .POST,
            "/v1/budgets",
            key: admin,
            body: #"{"scope":"team","team":"audit-alpha","limit":"0","period":"month"}"#
        )
        #expect(budget.status == 201, "\(budget.text)")
        for _ in 0..<3 { #expect(try await harness.detect(key: alpha).status == 403) }
        #expect(try await harness.task(task, key: alpha).status == 200)

        let everything = try await harness.send(.GET, "/v1/audit?limit=1000", key: admin)
        let all = try #require(everything.json["calls"] as? [[String: Any]])
        let allIDs = all.compactMap { Int($0["id"] as? String ?? "") }
        #expect(allIDs.count >= 10, "5 detects, 1 submission, 3 refusals and a poll: \(allIDs.count)")
        #expect(allIDs == allIDs.sorted(by: >), "newest first")

        // Reading the trail is itself a call the trail records: page below the listing's newest id, so the pages
        // cover exactly what the listing saw.
        var paged: [Int] = []
        var cursor: String? = String(try #require(allIDs.first) + 1)
        repeat {
            let path = "/v1/audit?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try await harness.send(.GET, path, key: admin)
            #expect(page.status == 200)
            paged += (page.json["calls"] as? [[String: Any]] ?? []).compactMap { Int($0["id"] as? String ?? "") }
            cursor = page.json["next_cursor"] as? String
            #expect(page.headers.first(name: "X-Next-Cursor") == cursor)
        } while cursor != nil && paged.count <= allIDs.count
        #expect(paged == allIDs, "pages of 3 add up to the whole listing, none skipped or repeated")

        let refused = try await harness.send(.GET, "/v1/audit?status=4xx&error_code=BudgetExceeded", key: admin)
        let refusedCalls = try #require(refused.json["calls"] as? [[String: Any]])
        #expect(refusedCalls.count == 3)
        #expect(refusedCalls.allSatisfy { $0["http_status"] as? String == "403" && $0["cost"] as? String == "0" })
        #expect(
            refusedCalls.allSatisfy {
                $0["team"] as? String == "audit-alpha" && $0["key_id"] as? String == String(alphaKeyID)
            }
        )

        let byTask = try await harness.send(.GET, "/v1/audit?task_id=\(task)", key: admin)
        let taskCalls = try #require(byTask.json["calls"] as? [[String: Any]])
        #expect(taskCalls.count == 2, "the submission and the poll")
        #expect(taskCalls.allSatisfy { $0["task_id"] as? String == task })

        let charged = try await harness.send(
            .GET,
            "/v1/audit?model=wan2.2-s2v-detect&status=200&format=csv",
            key: admin
        )
        let rows = try await StandardCSVReader.rows(charged.text)
        #expect(rows.count == 5)
        #expect(rows.allSatisfy { $0["cost"] == "0.000574" && $0["endpoint"]?.hasSuffix("/face-detect") == true })
        await harness.stop()
    }

    @Test func adminChangesRecordWhoWhenBeforeAndAfter() async throws {
        let harness = try await GatewayHarness.start()
        let admin = try await harness.makeAdminKey()
        _ = try await harness.makeTeamKey("changes-team")
        let adminKeyID = try #require(
            try await harness.scalar(
                "SELECT id FROM api_keys WHERE is_admin ORDER BY id DESC LIMIT 1",
                as: Int64.self
            )
        )
        let created = try await harness.send(
            .POST,
            "/v1/budgets",
            key: admin,
            body: #"{"scope":"team","team":"changes-team","limit":"100","period":"month"}"#
        )
        let budgetID = try #require((created.json["budget"] as? [String: Any])?["id"] as? Int)
        _ = try await harness.send(
            .POST,
            "/v1/budgets",
            key: admin,
            body: #"{"scope":"team","team":"changes-team","limit":"250.5","period":"month"}"#
        )
        #expect(try await harness.send(.DELETE, "/v1/budgets/\(budgetID)", key: admin).status == 200)

        let reply = try await harness.send(.GET, "/v1/audit/changes?object=budget", key: admin)
        let changes = try #require(reply.json["changes"] as? [[String: Any]])
        #expect(changes.map { $0["action"] as? String } == ["delete", "update", "create"])
        #expect(changes.allSatisfy { $0["actor"] as? String == "key:\(adminKeyID)" }, "\(changes)")
        #expect(
            changes.allSatisfy {
                $0["object_id"] as? String == String(budgetID) && $0["team"] as? String == "changes-team"
            }
        )
        let update = changes[1]
        #expect((update["before"] as? [String: Any])?["limit_amount"] as? NSNumber == 100)
        #expect((update["after"] as? [String: Any])?["limit_amount"] as? NSNumber == 250.5)
        #expect(changes[2]["before"] is NSNull && changes[0]["after"] is [String: Any])

        // Changes made outside the gateway are recorded too, as made by the database user; a key's hash never.
        let keys = try await harness.send(.GET, "/v1/audit/changes?object=key", key: admin)
        let keyChanges = try #require(keys.json["changes"] as? [[String: Any]])
        #expect(keyChanges.count == 2)
        #expect(keyChanges.allSatisfy { ($0["actor"] as? String)?.hasPrefix("sql:") == true })
        #expect(!keys.text.contains("key_hash"))
        #expect(
            try await harness.scalar("SELECT count(*) FROM admin_changes WHERE after ? 'key_hash'", as: Int.self) == 0
        )

        // The change log is append-only.
        await #expect(throws: (any Error).self) {
            _ = try await harness.scalar("DELETE FROM admin_changes RETURNING id", as: Int64.self)
        }
        await harness.stop()
    }
}
