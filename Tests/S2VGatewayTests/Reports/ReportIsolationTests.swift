import DashScopeSimulator
import Foundation
import NIOHTTP1
import PostgresNIO
import S2VTestSupport
import Testing

/// Over HTTP a team key sees only its own team: usage, invoices, budgets, the audit trail and tasks. Naming
/// another team looks exactly like naming one that does not exist.
@Suite struct ReportIsolationTests {
    @Test func aTeamKeyNeverSeesAnotherTeamsRows() async throws {
        let harness = try await GatewayHarness.start()
        let admin = try await harness.makeAdminKey()
        let alpha = try await harness.makeTeamKey("iso-alpha")
        let beta = try await harness.makeTeamKey("iso-beta")
        #expect(try await harness.detect(key: alpha).status == 200)
        #expect(try await harness.detect(key: beta).status == 200)
        let betaTask = try #require(try await harness.submit(key: beta, seconds: "6").output["task_id"] as? String)
        try await harness.waitUntilAllSettled()
        for body in [
            #"{"scope":"team","team":"iso-beta","limit":"50","period":"month"}"#,
            #"{"scope":"global","limit":"1000","period":"month"}"#,
        ] {
            #expect(try await harness.send(.POST, "/v1/budgets", key: admin, body: body).status == 201)
        }
        let month = try #require(try await ReportAPITests.months(harness).first)

        let paths = [
            "/v1/reports/usage?by=team,key,model", "/v1/reports/invoice?month=\(month)", "/v1/reports/budgets",
            "/v1/audit?limit=1000", "/v1/audit/changes?limit=1000", "/api/v1/tasks",
        ]
        for path in paths {
            let seen = try await harness.send(.GET, path, key: alpha)
            #expect(seen.status == 200, "\(path): \(seen.text)")
            #expect(!seen.text.contains("iso-beta") && !seen.text.contains(betaTask), "\(path) shows nothing of beta")
            let everything = try await harness.send(.GET, path, key: admin)
            if path != "/api/v1/tasks" {
                #expect(everything.text.contains("iso-beta"), "\(path): the admin sees beta")
            }
        }
        let alphaBudgets = try await harness.send(.GET, "/v1/reports/budgets", key: alpha)
        #expect((alphaBudgets.json["budgets"] as? [Any])?.isEmpty == true, "not the global budget's figures either")
        let alphaUsage = try await harness.send(.GET, "/v1/reports/usage?by=team", key: alpha)
        #expect((alphaUsage.json["rows"] as? [[String: Any]])?.map { $0["team"] as? String } == ["iso-alpha"])
        let taskTrail = try await harness.send(.GET, "/v1/audit?task_id=\(betaTask)", key: alpha)
        #expect((taskTrail.json["calls"] as? [Any])?.isEmpty == true)

        // Asking for the other team reads exactly like asking for a team that does not exist.
        for report in ["/v1/reports/usage", "/v1/reports/invoice", "/v1/audit", "/v1/reports/budgets"] {
            let foreign = try await harness.send(.GET, "\(report)?team=iso-beta", key: alpha)
            let unknown = try await harness.send(.GET, "\(report)?team=iso-gamma", key: alpha)
            #expect(foreign.status == 400 && unknown.status == 400)
            #expect(
                IsolationTests.withoutRequestID(foreign.text).replacingOccurrences(of: "iso-beta", with: "X")
                    == IsolationTests.withoutRequestID(unknown.text).replacingOccurrences(of: "iso-gamma", with: "X")
            )
        }
        await harness.stop()
    }
}
