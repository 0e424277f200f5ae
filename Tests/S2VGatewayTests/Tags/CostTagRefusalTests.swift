import DashScopeSimulator
import Foundation
import NIOHTTP1
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// Issue 19: a request cannot change its key's tags, a team's required tag keys are enforced, and a bad tag is a
/// 400; in each case before anything is held, written or sent upstream.
@Suite struct CostTagRefusalTests {
    /// One refused call: the key's tags, the team's required keys, the header, and what the 400 must say.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var keyTags: [String: String]
        var required: [String]
        var header: String?
        var message: String
        var testDescription: String { self.name }
    }

    static let cases = [
        Case(
            name: "overriding the key's tag",
            keyTags: ["project": "launch"],
            required: [],
            header: "project=other",
            message: "The tag 'project' is set to 'launch' by the key and cannot be changed by a request."
        ),
        Case(
            name: "a required key missing",
            keyTags: ["project": "launch"],
            required: ["cost_center", "project"],
            header: "customer=acme",
            message: "This team requires the tag key 'cost_center'"
        ),
        Case(
            name: "a required key and no header",
            keyTags: [:],
            required: ["cost_center"],
            header: nil,
            message: "This team requires the tag key 'cost_center'"
        ),
        Case(
            name: "a bad tag value",
            keyTags: [:],
            required: [],
            header: "project=has space",
            message: "The value of tag 'project' is not valid"
        ),
        Case(
            name: "an upper-case key",
            keyTags: [:],
            required: [],
            header: "Project=launch",
            message: "The tag key 'Project' is not valid"
        ),
        Case(
            name: "too many tags",
            keyTags: ["a": "1", "b": "2"],
            required: [],
            header: (3...11).map { "k\($0)=v" }.joined(separator: ","),
            message: "A call carries at most 10 tags."
        ),
    ]

    @Test(arguments: cases)
    func theCallIsRefusedWith400AndNothingIsWrittenOrSent(_ refused: Case) async throws {
        let harness = try await GatewayHarness.start()
        let team = "t-\(UUID().uuidString.prefix(6))"
        let key = try await harness.makeTeamKey(team, tags: try CostTags(refused.keyTags))
        if !refused.required.isEmpty {
            try await harness.database.withClient { client in
                let teams = TeamRepository(client: client)
                let found = try #require(try await teams.find(name: team, logger: .init(label: "test")))
                _ = try await teams.requireTags(teamID: found.id, keys: refused.required, logger: .init(label: "test"))
            }
        }
        let before = try await StoreSnapshot.take(harness.client)
        let sentBefore = await harness.simulator.simulator.stats().total.submissionAttempts
        let headers = refused.header.map { [("X-S2V-Tags", $0)] } ?? []

        let detect = try await harness.detect(key: key, headers: headers)
        let submit = try await harness.send(
            .POST,
            "/api/v1/services/aigc/image2video/video-synthesis",
            key: key,
            body:
                #"{"model":"wan2.2-s2v","input":{"image_url":"https://example.com/face.jpg","audio_url":"https://example.com/v.mp3?duration=5"},"parameters":{"resolution":"480P"}}"#,
            headers: headers + [("X-DashScope-Async", "enable")]
        )
        for reply in [detect, submit] {
            #expect(reply.status == 400, "\(reply.text)")
            #expect(reply.json["code"] as? String == "InvalidParameter", "\(reply.text)")
            #expect((reply.json["message"] as? String)?.contains(refused.message) == true, "\(reply.text)")
        }
        #expect(try await StoreSnapshot.take(harness.client).differences(from: before) == [])
        #expect(await harness.simulator.simulator.stats().total.submissionAttempts == sentBefore)
        await harness.stop()
    }

    /// The same key may repeat its own tag, add new keys, and satisfy a required key with the header.
    @Test func aRequestMayRepeatTheKeysTagAndAddOthers() async throws {
        let harness = try await GatewayHarness.start()
        let team = "t-\(UUID().uuidString.prefix(6))"
        let key = try await harness.makeTeamKey(team, tags: try CostTags(["project": "launch"]))
        try await harness.database.withClient { client in
            let teams = TeamRepository(client: client)
            let found = try #require(try await teams.find(name: team, logger: .init(label: "test")))
            _ = try await teams.requireTags(teamID: found.id, keys: ["cost_center"], logger: .init(label: "test"))
        }
        let reply = try await harness.detect(
            key: key,
            headers: [("X-S2V-Tags", " project=launch , cost_center=cc-42"), ("X-S2V-Tags", "env=prod")]
        )
        #expect(reply.status == 200, "\(reply.text)")
        let tags = try await harness.scalar(
            "SELECT string_agg(DISTINCT tags::text, ';') FROM ledger_entries",
            as: String.self
        )
        #expect(tags == #"{"env": "prod", "project": "launch", "cost_center": "cc-42"}"#)
        await harness.stop()
    }
}
