import Foundation
import NIOHTTP1
import Testing

/// A team key sees only its own team's tasks: another team's task id looks exactly like an unknown one.
@Suite struct IsolationTests {
    @Test func anotherTeamsTaskLooksExactlyLikeAnUnknownOne() async throws {
        let harness = try await GatewayHarness.start()
        let alpha = try await harness.makeTeamKey("alpha")
        let beta = try await harness.makeTeamKey("beta")
        let taskID = try #require(try await harness.submit(key: alpha).output["task_id"] as? String)
        try await harness.waitUntilAllSettled()
        #expect(try await harness.task(taskID, key: alpha).output["task_status"] as? String == "SUCCEEDED")

        let foreign = try await harness.task(taskID, key: beta)
        let unknownID = UUID().uuidString.lowercased()
        let unknown = try await harness.task(unknownID, key: beta)
        #expect(foreign.status == unknown.status)
        #expect(foreign.output["task_status"] as? String == "UNKNOWN")
        #expect(
            Self.withoutRequestID(foreign.text).replacingOccurrences(of: taskID, with: "ID")
                == Self.withoutRequestID(unknown.text).replacingOccurrences(of: unknownID, with: "ID")
        )

        let foreignCancel = try await harness.send(.POST, "/api/v1/tasks/\(taskID)/cancel", key: beta)
        let unknownCancel = try await harness.send(.POST, "/api/v1/tasks/\(unknownID)/cancel", key: beta)
        #expect(foreignCancel.status == unknownCancel.status)
        #expect(Self.withoutRequestID(foreignCancel.text) == Self.withoutRequestID(unknownCancel.text))

        let betaList = try await harness.send(.GET, "/api/v1/tasks", key: beta)
        #expect((betaList.json["data"] as? [Any])?.isEmpty == true)
        #expect(betaList.json["total"] as? Int == 0)
        let alphaList = try await harness.send(.GET, "/api/v1/tasks", key: alpha)
        #expect(alphaList.json["total"] as? Int == 1)
        await harness.stop()
    }

    static func withoutRequestID(_ body: String) -> String {
        body.replacing(/"request_id"\s*:\s*"[^"]*"/, with: "\"request_id\":\"-\"")
    }
}
