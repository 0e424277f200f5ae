import DashScopeSimulator
import Foundation
import S2VStore
import Testing

/// The official `dashscope` Python SDK, unchanged but for its base URL and key, against the gateway.
@Suite struct SDKCompatibilityTests {
    /// CI installs the SDK (`.ci/run`), so there the test must run; elsewhere it needs `pip install dashscope`.
    static let sdkAvailable: Bool = {
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        let probe = try? ChildProcess(
            executable: "/usr/bin/env",
            arguments: ["python3", "-c", "import dashscope"],
            outputPath: "/dev/null"
        )
        return probe?.waitBlocking() == 0
    }()

    @Test(.enabled(if: sdkAvailable, "needs the dashscope Python SDK: pip install dashscope"))
    func theSDKRoundTripIsMeteredExactlyAsTheUpstreamBills() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Resources/sdk_round_trip.py").path
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("sdk-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let python = try ChildProcess(
            executable: "/usr/bin/env",
            arguments: ["python3", script, harness.baseURL + "/api/v1", key],
            outputPath: outputPath
        )
        let status = await python.wait()
        #expect(status == 0, "\(python.output)")
        let lines = python.output.split(separator: "\n")
        let result = try #require(
            lines.last.flatMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            },
            "\(python.output)"
        )
        #expect(result["check_pass"] as? Bool == true)
        #expect(result["created_status"] as? String == "PENDING")
        #expect(result["final_status"] as? String == "SUCCEEDED")
        #expect(result["duration"] as? String == "7.31")
        #expect((result["video_url"] as? String)?.hasPrefix("https://") == true)

        try await harness.waitUntilAllSettled()
        let metered = try await harness.scalar(
            "SELECT sum(amount) FROM ledger_entries WHERE kind IN ('charge', 'capture')",
            as: Decimal.self
        )
        let bill = await harness.simulator.simulator.bill()
        // 1 image at 0.000574 + 7.31 s at 720P × 0.129018.
        #expect(metered == Decimal(string: "0.94369558"))
        #expect(metered == bill.total.amount)
        await harness.stop()
    }
}
