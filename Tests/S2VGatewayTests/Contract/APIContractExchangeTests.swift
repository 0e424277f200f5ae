import AsyncHTTPClient
import DashScopeSimulator
import Foundation
import NIOCore
import NIOHTTP1
import S2VStore
import Testing

@testable import S2VGateway

/// Real responses of a running gateway, a success and an error for every operation of the contract, checked
/// against the document by a validator library (openapi-core, `contract/validate_exchanges.py`): status, content
/// type, headers and body.
@Suite struct APIContractExchangeTests {
    /// CI installs openapi-core (`.ci/run`), so there the test must run; elsewhere it needs `pip install openapi-core`.
    static let validatorAvailable: Bool = {
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        let probe = try? ChildProcess(
            executable: "/usr/bin/env",
            arguments: ["python3", "-c", "import openapi_core"],
            outputPath: "/dev/null"
        )
        return probe?.waitBlocking() == 0
    }()

    static let repository = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test(.enabled(if: validatorAvailable, "needs openapi-core: pip install openapi-core"), .timeLimit(.minutes(10)))
    func everyOperationAnswersAsTheDocumentSays() async throws {
        // Tasks take a minute upstream, so a second one waits in the queue, where it can be cancelled.
        let harness = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(apiKeys: [GatewayHarness.upstreamKey], generationTime: .seconds(60))
        )
        let team = try await harness.makeTeamKey("contract")
        let admin = try await harness.makeAdminKey()
        let recorder = ExchangeRecorder(baseURL: harness.baseURL)
        let nul = "?x=%00"

        for path in ["/health", "/ready", "/openapi.json", "/docs"] {
            try await recorder.send("GET \(path)", path)
            try await recorder.send("GET \(path)", path + nul)
        }
        try await recorder.send("GET /metrics", "/metrics", key: admin)
        try await recorder.send("GET /metrics", "/metrics", key: team)

        let detect = "POST /api/v1/services/aigc/image2video/face-detect"
        try await recorder.send(
            detect,
            "/api/v1/services/aigc/image2video/face-detect",
            key: team,
            json: #"{"model":"wan2.2-s2v-detect","input":{"image_url":"https://example.com/face.jpg"}}"#
        )
        try await recorder.send(detect, "/api/v1/services/aigc/image2video/face-detect", key: team, json: "{")
        // Cost-attribution tags: accepted, and a bad one refused.
        try await recorder.send(
            detect,
            "/api/v1/services/aigc/image2video/face-detect",
            key: team,
            json: #"{"model":"wan2.2-s2v-detect","input":{"image_url":"https://example.com/face.jpg"}}"#,
            headers: [("X-S2V-Tags", "project=launch,cost_center=cc-42")]
        )
        try await recorder.send(
            detect,
            "/api/v1/services/aigc/image2video/face-detect",
            key: team,
            json: #"{"model":"wan2.2-s2v-detect","input":{"image_url":"https://example.com/face.jpg"}}"#,
            headers: [("X-S2V-Tags", "Project=launch")]
        )
        let synthesis = "POST /api/v1/services/aigc/image2video/video-synthesis"
        let body =
            #"{"model":"wan2.2-s2v","input":{"image_url":"https://example.com/face.jpg","audio_url":"https://example.com/voice.mp3?duration=5"},"parameters":{"resolution":"480P"}}"#
        let async = [("X-DashScope-Async", "enable")]
        let running = try await recorder.send(
            synthesis,
            "/api/v1/services/aigc/image2video/video-synthesis",
            key: team,
            json: body,
            headers: async
        )
        let queued = try await recorder.send(
            synthesis,
            "/api/v1/services/aigc/image2video/video-synthesis",
            key: team,
            json: body,
            headers: async
        )
        try await recorder.send(synthesis, "/api/v1/services/aigc/image2video/video-synthesis", key: team, json: body)
        let runningID = try #require(Self.taskID(running))
        let queuedID = try #require(Self.taskID(queued))

        try await recorder.send("GET /api/v1/tasks/{task_id}", "/api/v1/tasks/\(runningID)", key: team)
        try await recorder.send("GET /api/v1/tasks/{task_id}", "/api/v1/tasks/\(runningID)", key: nil)
        try await recorder.send("POST /api/v1/tasks/{task_id}/cancel", "/api/v1/tasks/\(queuedID)/cancel", key: team)
        try await recorder.send("POST /api/v1/tasks/{task_id}/cancel", "/api/v1/tasks/\(UUID())/cancel", key: team)
        try await recorder.send("GET /api/v1/tasks", "/api/v1/tasks?page_no=1&page_size=10", key: team)
        try await recorder.send("GET /api/v1/tasks", "/api/v1/tasks?page_size=0", key: team)

        for report in ["usage", "invoice", "budgets"] {
            try await recorder.send("GET /v1/reports/\(report)", "/v1/reports/\(report)", key: team)
            try await recorder.send("GET /v1/reports/\(report)", "/v1/reports/\(report)?format=csv", key: admin)
            try await recorder.send("GET /v1/reports/\(report)", "/v1/reports/\(report)?format=nope", key: admin)
        }
        let usage = "GET /v1/reports/usage"
        try await recorder.send(usage, "/v1/reports/usage?by=team,tag:project", key: admin)
        try await recorder.send(usage, "/v1/reports/usage?by=tag:project&format=csv", key: team)
        try await recorder.send(usage, "/v1/reports/usage?by=tag:Project", key: admin)
        let invoice = "GET /v1/reports/invoice"
        try await recorder.send(invoice, "/v1/reports/invoice?split=tag:cost_center", key: admin)
        try await recorder.send(invoice, "/v1/reports/invoice?split=tag:cost_center&format=csv", key: team)
        try await recorder.send(invoice, "/v1/reports/invoice?split=tag:cost_center&format=html", key: admin)
        try await recorder.send(invoice, "/v1/reports/invoice?split=team", key: admin)
        try await recorder.send("GET /v1/audit", "/v1/audit?limit=5", key: admin)
        try await recorder.send("GET /v1/audit", "/v1/audit?limit=0", key: admin)
        try await recorder.send("GET /v1/audit/changes", "/v1/audit/changes", key: admin)
        try await recorder.send("GET /v1/audit/changes", "/v1/audit/changes?from=yesterday", key: admin)

        let budget = #"{"scope":"team","team":"contract","limit":"500","period":"month","alert_thresholds":[80]}"#
        let created = try await recorder.send("POST /v1/budgets", "/v1/budgets", key: admin, json: budget)
        try await recorder.send("POST /v1/budgets", "/v1/budgets", key: admin, json: #"{"scope":"team"}"#)
        let tagBudget = #"{"scope":"tag","tag":"project=launch","team":"contract","limit":"50","period":"month"}"#
        try await recorder.send("POST /v1/budgets", "/v1/budgets", key: admin, json: tagBudget)
        try await recorder.send(
            "POST /v1/budgets",
            "/v1/budgets",
            key: admin,
            json: #"{"scope":"tag","limit":"5","period":"day"}"#
        )
        try await recorder.send("GET /v1/budgets", "/v1/budgets", key: admin)
        try await recorder.send("GET /v1/budgets", "/v1/budgets", key: team)
        let budgetID = try #require(Self.budgetID(created))
        try await recorder.send("GET /v1/budgets/{budget_id}", "/v1/budgets/\(budgetID)", key: admin)
        try await recorder.send("GET /v1/budgets/{budget_id}", "/v1/budgets/999999", key: admin)
        try await recorder.send("DELETE /v1/budgets/{budget_id}", "/v1/budgets/\(budgetID)", key: admin)
        try await recorder.send("DELETE /v1/budgets/{budget_id}", "/v1/budgets/\(budgetID)", key: admin)

        try await recorder.send("GET /v1/models", "/v1/models", key: admin)
        try await recorder.send("GET /v1/models", "/v1/models", key: team)
        try await recorder.send(
            "PUT /v1/models/{model}",
            "/v1/models/wan2.2-s2v",
            key: admin,
            json: #"{"submissions_per_second":5}"#
        )
        try await recorder.send(
            "PUT /v1/models/{model}",
            "/v1/models/wan2.2-s2v",
            key: admin,
            json: #"{"submissions_per_second":"fast"}"#
        )

        try await recorder.send("GET /dashboard", "/dashboard")
        try await recorder.send("GET /dashboard", "/dashboard", key: "s2v_not-a-key")
        try await recorder.send("GET /dashboard", "/dashboard", key: team)
        let form = [("Content-Type", "application/x-www-form-urlencoded")]
        try await recorder.send("POST /dashboard/login", "/dashboard/login", text: "key=\(admin)", headers: form)
        try await recorder.send("POST /dashboard/login", "/dashboard/login", text: "key=wrong", headers: form)
        try await recorder.send("POST /dashboard/logout", "/dashboard/logout", text: "", headers: form)
        try await recorder.send(
            "POST /dashboard/logout",
            "/dashboard/logout",
            text: "",
            headers: form + [("Sec-Fetch-Site", "cross-site")]
        )

        // Every operation of the document was reached, answered at least once with success and once with an error.
        let operations = APIContractRouteTests.documentedOperations()
        let answered = recorder.outcomes
        for operation in operations.sorted() {
            let statuses = answered[operation] ?? []
            #expect(statuses.contains { $0 < 400 }, "\(operation): no success among \(statuses.sorted())")
            #expect(statuses.contains { $0 >= 400 }, "\(operation): no error among \(statuses.sorted())")
        }
        #expect(Set(answered.keys).isSubset(of: operations), "\(Set(answered.keys).subtracting(operations))")

        let exchanges = FileManager.default.temporaryDirectory.appending(path: "exchanges-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: exchanges) }
        try recorder.json().write(to: exchanges)
        let output = FileManager.default.temporaryDirectory.appending(path: "validation-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: output) }
        let validator = try ChildProcess(
            executable: "/usr/bin/env",
            arguments: [
                "python3", "-B", Self.repository.appending(path: "contract/validate_exchanges.py").path,
                Self.repository.appending(path: "Sources/S2VGateway/OpenAPI/openapi.json").path, exchanges.path,
            ],
            outputPath: output.path
        )
        #expect(await validator.wait() == 0, "\(validator.output)")
        try await recorder.http.shutdown()
        await harness.stop()
    }

    static func taskID(_ reply: ExchangeRecorder.Exchange) -> String? {
        let json = try? JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any]
        return (json?["output"] as? [String: Any])?["task_id"] as? String
    }

    static func budgetID(_ reply: ExchangeRecorder.Exchange) -> Int? {
        let json = try? JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any]
        return ((json?["budget"] as? [String: Any])?["id"] as? NSNumber)?.intValue
            ?? (json?["id"] as? NSNumber)?.intValue
    }
}
