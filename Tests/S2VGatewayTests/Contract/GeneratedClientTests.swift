import Foundation
import NIOHTTP1
import S2VStore
import Testing

/// The SDK story: a platform team generates a Python client from `/openapi.json` with openapi-python-client and
/// uses it (`contract/python_client_round_trip.py`), as the README shows.
@Suite struct GeneratedClientTests {
    /// CI installs openapi-python-client (`.ci/run`); elsewhere the test needs `pip install openapi-python-client`.
    static let generatorAvailable: Bool = {
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        let probe = try? ChildProcess(
            executable: "/usr/bin/env",
            arguments: ["openapi-python-client", "--version"],
            outputPath: "/dev/null"
        )
        return probe?.waitBlocking() == 0
    }()

    @Test(
        .enabled(if: generatorAvailable, "needs openapi-python-client: pip install openapi-python-client"),
        .timeLimit(.minutes(10))
    )
    func aGeneratedPythonClientListsBudgetsAndFetchesTheInvoice() async throws {
        let harness = try await GatewayHarness.start()
        let team = try await harness.makeTeamKey("sdk-story")
        let admin = try await harness.makeAdminKey()
        let created = try await harness.send(
            .POST,
            "/v1/budgets",
            key: admin,
            body: #"{"scope":"team","team":"sdk-story","limit":"123.45","period":"month"}"#
        )
        #expect(created.status == 201, "\(created.text)")
        #expect(try await harness.detect(key: team).status == 200)
        let invoice = try await harness.send(.GET, "/v1/reports/invoice", key: admin)
        let expectedTotal = try #require((invoice.json["total"] as? [String: Any])?["cost"] as? String)

        let output = FileManager.default.temporaryDirectory.appending(path: "client-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: output) }
        let script = APIContractExchangeTests.repository.appending(path: "contract/python_client_round_trip.py")
        let python = try ChildProcess(
            executable: "/usr/bin/env",
            arguments: ["python3", "-B", script.path, harness.baseURL, admin],
            outputPath: output.path
        )
        #expect(await python.wait() == 0, "\(python.output)")
        let line = try #require(python.output.split(separator: "\n").last, "\(python.output)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(result["limits"] as? [String] == ["123.45"], "\(python.output)")
        #expect(result["total_cost"] as? String == expectedTotal, "\(python.output)")
        #expect((result["budgets"] as? [Any])?.count == 1)
        await harness.stop()
    }
}
