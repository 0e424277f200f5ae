import DashScopeSimulator
import Foundation
import NIOHTTP1
import S2VTestSupport
import Testing

/// Issue 13's reproducers, over HTTP: what is priced is what is stored and sent, client input never causes a 5xx,
/// and every API request is in the call log.
@Suite struct StrictInputTests {
    static let synthesis = "/api/v1/services/aigc/image2video/video-synthesis"
    static let detect = "/api/v1/services/aigc/image2video/face-detect"
    static let async: [(String, String)] = [("X-DashScope-Async", "enable")]

    /// Nothing of a refused request reached the ledger, the tasks or the upstream.
    private func expectNothingWrittenOrSent(_ harness: GatewayHarness) async throws {
        #expect(try await harness.scalar("SELECT count(*) FROM tasks", as: Int.self) == 0)
        #expect(try await harness.scalar("SELECT count(*) FROM ledger_entries", as: Int.self) == 0)
        #expect(await harness.simulator.simulator.stats().total.submissionAttempts.values.reduce(0, +) == 0)
        #expect(await harness.simulator.simulator.bill().total.amount == 0)
    }

    private func expectInvalidParameter(_ reply: GatewayHarness.Reply, mentioning text: String, _ what: String) {
        #expect(reply.status == 400, "\(what): \(reply.status) \(reply.text)")
        #expect(reply.json["code"] as? String == "InvalidParameter", "\(what): \(reply.text)")
        #expect((reply.json["message"] as? String)?.contains(text) == true, "\(what): \(reply.text)")
        #expect(reply.json["request_id"] is String, "\(what): \(reply.text)")
    }

    /// Defect 1: the first `resolution` was priced while the last one ran upstream at 720P.
    @Test func aDuplicateKeyIsRefusedNotPricedOneWayAndSentAnother() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let body =
            #"{"model":"wan2.2-s2v","input":{"image_url":"https://example.com/face.jpg","audio_url":"https://example.com/a.mp3"},"parameters":{"resolution":"480P","resolution":"720P"}}"#
        let reply = try await harness.send(.POST, Self.synthesis, key: key, body: body, headers: Self.async)
        self.expectInvalidParameter(
            reply,
            mentioning: "duplicate key 'resolution' in $.parameters",
            "duplicate resolution"
        )
        let nested =
            #"{"model":"wan2.2-s2v-detect","input":{"image_url":"https://example.com/a.jpg","image_url":"https://example.com/b.jpg"}}"#
        self.expectInvalidParameter(
            try await harness.send(.POST, Self.detect, key: key, body: nested),
            mentioning: "duplicate key 'image_url' in $.input",
            "duplicate image_url"
        )
        try await self.expectNothingWrittenOrSent(harness)
        await harness.stop()
    }

    /// Defect 2: bodies other readers refuse gave 500 when stored, or were forwarded to the upstream.
    @Test func whatOtherReadersRefuseIsRefusedHereFirst() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let trailing =
            #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/f.jpg","audio_url":"https://e.com/a.mp3",}}"#
        self.expectInvalidParameter(
            try await harness.send(.POST, Self.synthesis, key: key, body: trailing, headers: Self.async),
            mentioning: "no trailing commas",
            "trailing comma"
        )
        let bom = "\u{FEFF}" + #"{"model":"wan2.2-s2v-detect","input":{"image_url":"https://example.com/face.jpg"}}"#
        self.expectInvalidParameter(
            try await harness.send(.POST, Self.detect, key: key, body: bom),
            mentioning: "byte-order mark",
            "BOM on detect"
        )
        self.expectInvalidParameter(
            try await harness.send(.POST, Self.synthesis, key: key, body: bom, headers: Self.async),
            mentioning: "byte-order mark",
            "BOM on synthesis"
        )
        try await self.expectNothingWrittenOrSent(harness)
        await harness.stop()
    }

    /// Defect 3: U+0000 anywhere gave 500, and some such calls were missing from the call log.
    @Test func aNULIsRefusedAndTheCallIsStillRecorded() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let admin = try await harness.makeAdminKey()
        let nul = #"\u0000"#
        let synthesisBodies = [
            #"{"model":"wan2.2-s2v\#(nul)","input":{"image_url":"https://e.com/f.jpg","audio_url":"https://e.com/a.mp3"}}"#,
            #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/f.jpg","audio_url":"https://e.com/a.mp3"},"parameters":{"resolution":"480P\#(nul)"}}"#,
            #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/f\#(nul).jpg","audio_url":"https://e.com/a.mp3"}}"#,
            #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/f.jpg","audio_url":"https://e.com/a.mp3","x":"\#(nul)"}}"#,
        ]
        var sent = 0
        for body in synthesisBodies {
            self.expectInvalidParameter(
                try await harness.send(.POST, Self.synthesis, key: key, body: body, headers: Self.async),
                mentioning: "U+0000",
                body
            )
            sent += 1
        }
        let detectBody =
            #"{"model":"wan2.2-s2v-detect","input":{"image_url":"https://e.com/f.jpg","extra":"a\#(nul)b"}}"#
        self.expectInvalidParameter(
            try await harness.send(.POST, Self.detect, key: key, body: detectBody),
            mentioning: "U+0000",
            "detect"
        )
        sent += 1
        let budget = #"{"scope":"team","team":"t\#(nul)","limit":"5","period":"month","timezone":"UTC\#(nul)"}"#
        self.expectInvalidParameter(
            try await harness.send(.POST, "/v1/budgets", key: admin, body: budget),
            mentioning: "U+0000",
            "budget"
        )
        sent += 1
        for path in [
            "/v1/reports/usage?team=%00", "/v1/reports/invoice?team=%00", "/v1/reports/budgets?team=%00",
            "/v1/audit?team=%00", "/v1/audit/changes?team=%00", "/v1/audit?model=a%00b",
        ] {
            for caller in [admin, key] {
                self.expectInvalidParameter(try await harness.send(.GET, path, key: caller), mentioning: "U+0000", path)
                sent += 1
            }
        }
        try await self.expectNothingWrittenOrSent(harness)
        #expect(try await harness.scalar("SELECT count(*) FROM budgets", as: Int.self) == 0)
        #expect(try await harness.scalar("SELECT count(*) FROM call_log", as: Int.self) == sent)
        #expect(
            try await harness.scalar(
                "SELECT count(*) FROM call_log WHERE http_status = 400 AND error_code = 'InvalidParameter'",
                as: Int.self
            ) == sent
        )
        await harness.stop()
    }

    /// Every request under /api/v1 and /v1 is recorded, a path no route matches included.
    @Test func unknownAPIPathsAreRecordedToo() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let unknown = try await harness.send(.GET, "/api/v1/no/such/route", key: key)
        #expect(unknown.status == 404)
        #expect(unknown.json["code"] as? String == "NotFound")
        #expect(try await harness.send(.DELETE, "/v1/nothing", key: nil).status == 404)
        #expect(try await harness.send(.GET, "/health", key: nil).status == 200)
        #expect(try await harness.scalar("SELECT count(*) FROM call_log", as: Int.self) == 2)
        #expect(
            try await harness.scalar(
                "SELECT count(*) FROM call_log WHERE endpoint = '/api/v1/no/such/route' AND http_status = 404",
                as: Int.self
            ) == 1
        )
        await harness.stop()
    }

    /// Defect 6, framing: a malformed chunk size is the client's error (400, not 500); a body declared over the limit
    /// is refused at once with 413, before it is sent, also when the client waits for `100 Continue`.
    @Test func malformedFramingIs400AndAnOversizedBodyIs413AtOnce() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let raw = RawHTTPClient(port: harness.port)
        let head =
            "POST \(Self.detect) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(key)\r\nContent-Type: application/json\r\n"

        let chunked = await raw.exchange([
            Array((head + "Transfer-Encoding: chunked\r\n\r\n" + "zz\r\n{}\r\n0\r\n\r\n").utf8)
        ])
        let malformed = try #require(chunked.response, "\(chunked)")
        #expect(malformed.status == 400, "\(malformed.status) \(malformed.text)")
        #expect(malformed.text.contains("InvalidParameter"), "\(malformed.text)")

        // The head alone: the body is never sent, so an answer can only come before it.
        let expecting = await raw.exchange(
            [Array((head + "Content-Length: 10485760\r\nExpect: 100-continue\r\n\r\n").utf8)],
            deadline: .seconds(30)
        )
        let refused = try #require(expecting.response, "\(expecting)")
        #expect(refused.status == 413, "\(refused.status) \(refused.text)")
        #expect(refused.text.contains("InvalidParameter"), "\(refused.text)")
        let declared = await raw.exchange([Array((head + "Content-Length: 10485760\r\n\r\n").utf8)])
        #expect(declared.response?.status == 413, "\(declared)")

        let overLimit = String(repeating: "a", count: 70 * 1024)
        let streamed = await raw.exchange([
            Array(
                (head + "Transfer-Encoding: chunked\r\n\r\n" + String(overLimit.utf8.count, radix: 16) + "\r\n"
                    + overLimit + "\r\n0\r\n\r\n").utf8
            )
        ])
        #expect(streamed.response?.status == 413, "\(streamed)")
        try await self.expectNothingWrittenOrSent(harness)
        await harness.stop()
    }
}
