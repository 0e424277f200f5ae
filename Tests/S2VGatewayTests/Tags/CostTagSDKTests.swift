import DashScopeSimulator
import Foundation
import NIOHTTP1
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// Issue 19: the official SDK adds cost-attribution tags with `headers=`, on keys with and without default tags,
/// and the usage report by tag is the upstream's bill split by the tags the client sent, exactly.
@Suite struct CostTagSDKTests {
    @Test(.enabled(if: SDKCompatibilityTests.sdkAvailable, "needs the dashscope Python SDK: pip install dashscope"))
    func theUsageReportByTagIsTheUpstreamBillSplitByTheTagsSent() async throws {
        let harness = try await GatewayHarness.start()
        let tagged = try await harness.makeTeamKey("tagged", tags: try CostTags(["project": "launch"]))
        let plain = try await harness.makeTeamKey("plain")
        let admin = try await harness.makeAdminKey()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/sdk_tags.py").path
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("sdk-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let python = try ChildProcess(
            executable: "/usr/bin/env",
            arguments: [
                "python3", "-B", script, harness.baseURL + "/api/v1", harness.simulator.baseURL, tagged, plain,
            ],
            outputPath: outputPath
        )
        #expect(await python.wait() == 0, "\(python.output)")
        let phases = try #require(
            python.output.split(separator: "\n").last.flatMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
            },
            "\(python.output)"
        )
        try await harness.waitUntilAllSettled()

        // What the upstream billed while each tag was sent, by project ("" for the untagged phase).
        func billedIn(_ phase: String) throws -> Decimal {
            try #require(phases[phase].flatMap { Decimal(string: $0) }, "\(phases)")
        }
        let billed = ["launch": try billedIn("launch"), "atlas": try billedIn("atlas"), "": try billedIn("untagged")]
        #expect(billed.values.allSatisfy { $0 > 0 }, "\(phases)")

        let report = try await harness.send(.GET, "/v1/reports/usage?by=tag:project&format=json", key: admin)
        #expect(report.status == 200, "\(report.text)")
        let rows = try #require(report.json["rows"] as? [[String: Any]], "\(report.text)")
        var metered: [String: Decimal] = [:]
        for row in rows {
            let project = try #require(row["tag:project"] as? String, "\(row)")
            metered[project] = Decimal(string: try #require(row["cost"] as? String))
        }
        #expect(metered == billed, "report \(metered), upstream billed \(billed)")

        // The request's own tags ride along: customer=acme on both tagged phases, none on the untagged one.
        let byCustomer = try await harness.send(
            .GET,
            "/v1/reports/usage?by=tag:project,tag:customer&format=json",
            key: admin
        )
        let customers = try #require(byCustomer.json["rows"] as? [[String: Any]])
        #expect(
            Set(customers.map { "\($0["tag:project"] ?? "?")/\($0["tag:customer"] ?? "?")" }) == [
                "launch/acme", "atlas/acme", "/",
            ]
        )
        // Every ledger row of a call carries the tags it was admitted with, holds and settlements alike.
        let untaggedRows = try await harness.scalar(
            "SELECT count(*)::int FROM ledger_entries WHERE tags = '{}'",
            as: Int.self
        )
        #expect(untaggedRows == 4, "the untagged phase: a detect and a task, each a hold and its settlement")
        await harness.stop()
    }
}
