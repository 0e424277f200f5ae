import DashScopeSimulator
import Foundation
import NIOHTTP1
import PostgresNIO
import S2VGateway
import S2VStore
import S2VTestSupport
import Testing

/// What a client sees and what is metered, call by call, against the simulator over HTTP.
@Suite struct MeteringTests {
    @Test func detectIsChargedAlsoWhenTheCheckFails() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let passed = try await harness.detect(key: key)
        #expect(passed.status == 200)
        #expect(passed.output["check_pass"] as? Bool == true)
        let failed = try await harness.detect(key: key, imageURL: "https://example.com/nobody.jpg?sim_face=none")
        #expect(failed.status == 200)
        #expect(failed.output["check_pass"] as? Bool == false)

        let metered = try await harness.scalar(
            "SELECT sum(amount) FROM ledger_entries WHERE kind = 'capture'",
            as: Decimal.self
        )
        let bill = await harness.simulator.simulator.bill()
        #expect(bill.total.images == 2)
        #expect(metered == bill.total.imageAmount)
        #expect(metered == Decimal(string: "0.001148"))
        await harness.stop()
    }

    @Test func upstreamErrorsPassThroughAndAreNotCharged() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let error = try await harness.detect(key: key, imageURL: "https://example.com/a.jpg?sim_fail=error")
        #expect(error.status == 500)
        #expect(error.json["code"] as? String == "InternalError")
        let throttled = try await harness.detect(key: key, imageURL: "https://example.com/a.jpg?sim_fail=throttle")
        #expect(throttled.status == 429)
        #expect(throttled.json["code"] as? String == "Throttling.RateQuota")
        // Each call held one image's price before it was sent and released it on the refusal.
        #expect(
            try await harness.scalar("SELECT count(*) FROM ledger_entries WHERE kind = 'release'", as: Int.self) == 2
        )
        #expect(try await harness.scalar("SELECT sum(amount) FROM ledger_entries", as: Decimal.self) == 0)
        #expect(try await harness.scalar("SELECT sum(held) FROM ledger_entries", as: Decimal.self) == 0)
        #expect(await harness.simulator.simulator.bill().total.images == 0)
        await harness.stop()
    }

    @Test func aVideoIsCapturedExactlyAsTheUpstreamBillsAndItsHoldReleased() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let created = try await harness.submit(key: key, seconds: "10.23", resolution: "480P")
        #expect(created.status == 200)
        #expect(created.output["task_status"] as? String == "PENDING")
        let taskID = try #require(created.output["task_id"] as? String)
        #expect(UUID(uuidString: taskID) != nil)
        // While it runs, the hold is 20 s × 0.071677.
        #expect(
            try await harness.scalar("SELECT sum(held) FROM ledger_entries", as: Decimal.self)
                == Decimal(string: "1.43354")
        )

        try await harness.waitUntilAllSettled()
        let done = try await harness.task(taskID, key: key)
        #expect(done.output["task_status"] as? String == "SUCCEEDED")
        #expect(done.output["task_id"] as? String == taskID, "the gateway's id, not the upstream's")
        #expect(done.text.contains("\"duration\": 10.23"), "the upstream's usage, exact: \(done.text)")
        #expect(((done.output["results"] as? [String: Any])?["video_url"] as? String)?.hasPrefix("https://") == true)

        let captured = try await harness.scalar(
            "SELECT amount FROM ledger_entries WHERE kind = 'capture'",
            as: Decimal.self
        )
        #expect(captured == Decimal(string: "0.73325571"))
        #expect(try await harness.scalar("SELECT sum(held) FROM ledger_entries", as: Decimal.self) == 0)
        #expect(await harness.simulator.simulator.bill().total.amount == captured)
        await harness.stop()
    }

    @Test func theTierPricesTheSecondsAndTheTrailingSlashPathWorks() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let created = try await harness.send(
            .POST,
            "/api/v1/services/aigc/image2video/video-synthesis/",
            key: key,
            body:
                #"{"model":"wan2.2-s2v","input":{"img_url":"https://example.com/f.jpg","audio_url":"https://example.com/v.mp3?duration=3.5","prompt":null,"extend_prompt":true},"parameters":{"resolution":"720P","style":"speech"}}"#,
            headers: [("X-DashScope-Async", "enable")]
        )
        #expect(created.status == 200, "\(created.text)")
        try await harness.waitUntilAllSettled()
        let captured = try await harness.scalar(
            "SELECT amount FROM ledger_entries WHERE kind = 'capture'",
            as: Decimal.self
        )
        #expect(captured == Decimal(string: "0.451563"))
        await harness.stop()
    }

    @Test func aFailedTaskReleasesItsHoldAndShowsTheUpstreamsReason() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let created = try await harness.submit(key: key, seconds: "25")
        let taskID = try #require(created.output["task_id"] as? String)
        try await harness.waitUntilAllSettled()
        let done = try await harness.task(taskID, key: key)
        #expect(done.output["task_status"] as? String == "FAILED")
        #expect((done.output["code"] as? String)?.isEmpty == false)
        #expect(
            try await harness.scalar("SELECT count(*) FROM ledger_entries WHERE kind = 'release'", as: Int.self) == 1
        )
        #expect(try await harness.scalar("SELECT sum(amount) FROM ledger_entries", as: Decimal.self) == 0)
        #expect(try await harness.scalar("SELECT sum(held) FROM ledger_entries", as: Decimal.self) == 0)
        await harness.stop()
    }

    @Test func pollsAreAnsweredFromTheStoreAndNeverCharge() async throws {
        let harness = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(apiKeys: [GatewayHarness.upstreamKey], generationTime: .seconds(2)),
            gateway: { $0.pollInterval = .milliseconds(500) }
        )
        let key = try await harness.makeTeamKey()
        let created = try await harness.submit(key: key, seconds: "4")
        let taskID = try #require(created.output["task_id"] as? String)
        let started = ContinuousClock.now
        for _ in 0..<60 {
            let reply = try await harness.task(taskID, key: key)
            #expect(reply.status == 200)
            #expect(reply.output["task_id"] as? String == taskID)
        }
        let elapsed = ContinuousClock.now - started
        let upstreamQueries = await harness.simulator.simulator.stats().total.queries
        // One upstream query per task per interval, however often the client polls.
        let intervals = Int((elapsed / .milliseconds(500)).rounded(.up)) + 2
        #expect(upstreamQueries <= intervals, "\(upstreamQueries) upstream queries for \(intervals) intervals")
        try await harness.waitUntilAllSettled()
        for _ in 0..<20 { _ = try await harness.task(taskID, key: key) }
        #expect(
            try await harness.scalar("SELECT count(*) FROM ledger_entries", as: Int.self) == 2,
            "one hold, one capture"
        )
        await harness.stop()
    }

    @Test func cancelReleasesTheHoldOfAPendingTaskAndRefusesARunningOne() async throws {
        // A generation far longer than the test keeps the first task RUNNING however slow the machine is, so the
        // second waits PENDING upstream throughout (the gateway lets two tasks be in flight on this account).
        let harness = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(apiKeys: [GatewayHarness.upstreamKey], generationTime: .seconds(3600)),
            gateway: { $0.accountLimits = AccountLimits(maxInFlight: 2) }
        )
        let key = try await harness.makeTeamKey()
        let first = try #require(try await harness.submit(key: key).output["task_id"] as? String)
        let second = try #require(try await harness.submit(key: key).output["task_id"] as? String)
        try await Self.waitForStatus(harness, first, "RUNNING", key: key)
        try await Self.waitForStatus(harness, second, "PENDING", key: key, submitted: true)

        let refused = try await harness.send(.POST, "/api/v1/tasks/\(first)/cancel", key: key)
        #expect(refused.status == 400)
        #expect(refused.json["code"] as? String == "UnsupportedOperation")
        let canceled = try await harness.send(.POST, "/api/v1/tasks/\(second)/cancel", key: key)
        #expect(canceled.status == 200, "\(canceled.text)")
        #expect(try await harness.task(second, key: key).output["task_status"] as? String == "CANCELED")
        #expect(
            try await harness.scalar("SELECT count(*) FROM ledger_entries WHERE kind = 'release'", as: Int.self) == 1
        )
        let again = try await harness.send(.POST, "/api/v1/tasks/\(second)/cancel", key: key)
        #expect(again.status == 400)
        await harness.stop()
    }

    @Test func unpricedOrUnknownModelsAreRefusedBeforeTheUpstream() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let unpriced = try await harness.submit(key: key, resolution: "1080P")
        #expect(unpriced.status == 400)
        #expect(unpriced.json["code"] as? String == "InvalidParameter")
        let unknown = try await harness.send(
            .POST,
            "/api/v1/services/aigc/image2video/face-detect",
            key: key,
            body: #"{"model":"wan9-free","input":{"image_url":"https://e.com/a.jpg"}}"#
        )
        #expect(unknown.status == 400)
        #expect(try await harness.scalar("SELECT count(*) FROM tasks", as: Int.self) == 0)
        #expect(await harness.simulator.simulator.stats().total.submissionAttempts.values.reduce(0, +) == 0)
        await harness.stop()
    }

    @Test func badInputGetsAClearDashScopeErrorAndWritesNothing() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let path = "/api/v1/services/aigc/image2video/video-synthesis"
        let async = [("X-DashScope-Async", "enable")]
        let cases: [(String, Int, String)] = [
            ("not json", 400, "InvalidParameter"),
            (#"{"input":{}}"#, 400, "InvalidParameter"),
            (#"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg"}}"#, 400, "InvalidParameter"),
            (
                #"{"model":"wan2.2-s2v","input":{"image_url":"ftp://e.com/a.jpg","audio_url":"https://e.com/a.mp3"}}"#,
                400, "InvalidParameter"
            ),
            (
                #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg","audio_url":"https://e.com/a.mp3"},"parameters":{"resolution":720}}"#,
                400, "InvalidParameter"
            ),
            (
                "{\"model\":\"wan2.2-s2v\",\"pad\":\"" + String(repeating: "x", count: 70_000) + "\"}", 413,
                "InvalidParameter"
            ),
        ]
        for (body, status, code) in cases {
            let reply = try await harness.send(.POST, path, key: key, body: body, headers: async)
            #expect(reply.status == status, "\(body.prefix(80)) → \(reply.text)")
            #expect(reply.json["code"] as? String == code)
            #expect((reply.json["message"] as? String)?.isEmpty == false)
            #expect((reply.json["request_id"] as? String)?.count == 36)
        }
        let synchronous = try await harness.submitWithoutAsyncHeader(key: key)
        #expect(synchronous.status == 403)
        #expect(try await harness.scalar("SELECT count(*) FROM tasks", as: Int.self) == 0)
        #expect(try await harness.scalar("SELECT count(*) FROM ledger_entries", as: Int.self) == 0)
        await harness.stop()
    }

    @Test func keysAreCheckedOnEveryRequestAndEveryRequestIsLogged() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let missing = try await harness.send(
            .POST,
            "/api/v1/services/aigc/image2video/face-detect",
            key: nil,
            body: "{}"
        )
        #expect(missing.status == 401)
        #expect(missing.json["code"] as? String == "InvalidApiKey")
        let wrong = try await harness.detect(key: "s2v_not-a-real-key")
        #expect(wrong.status == 401)
        #expect(try await harness.detect(key: key).status == 200)

        try await harness.database.withClient { client in
            _ = try await client.query("UPDATE api_keys SET revoked_at = now()")
        }
        // Cached keys live one second at most (and are dropped sooner when the change is announced).
        try await Task.sleep(for: .milliseconds(1_050))
        let revoked = try await harness.detect(key: key)
        #expect(revoked.status == 401, "a revoked key stops working within a second")

        let logged = try await harness.scalar("SELECT count(*) FROM call_log", as: Int.self)
        #expect(logged == 4)
        let row = try await harness.scalar(
            """
            SELECT http_status || '/' || coalesce(model, '') || '/' || cost || '/' || (upstream_request_id IS NOT NULL)
            FROM call_log WHERE http_status = 200
            """,
            as: String.self
        )
        #expect(row == "200/wan2.2-s2v-detect/0.000574/true")
        #expect(
            try await harness.scalar("SELECT count(*) FROM call_log WHERE error_code = 'InvalidApiKey'", as: Int.self)
                == 3
        )
        await harness.stop()
    }

    @Test func aDetectWithoutAnAnswerIsChargedConservativelyAndFlagged() async throws {
        let harness = try await GatewayHarness.start(
            simulator: SimulatorConfiguration(
                apiKeys: [GatewayHarness.upstreamKey],
                faults: FaultInjection(timeoutDelay: .seconds(8))
            ),
            gateway: { $0.upstreamTimeout = .seconds(2) }
        )
        let key = try await harness.makeTeamKey()
        let lost = try await harness.detect(key: key, imageURL: "https://example.com/a.jpg?sim_fail=lost")
        #expect(lost.status == 504)
        #expect(lost.json["code"] as? String == "RequestTimeOut")
        let conservative = try await harness.scalar(
            "SELECT count(*) FROM ledger_entries WHERE kind = 'capture' AND conservative",
            as: Int.self
        )
        #expect(conservative == 1)
        // The upstream did run it, so the conservative charge matches the bill.
        let deadline = ContinuousClock.now + .seconds(10)
        while await harness.simulator.simulator.bill().total.images == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(await harness.simulator.simulator.bill().total.images == 1)
        await harness.stop()
    }

    static func waitForStatus(
        _ harness: GatewayHarness,
        _ taskID: String,
        _ status: String,
        key: String,
        submitted: Bool = false
    ) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            let reply = try await harness.task(taskID, key: key)
            let phase = try await harness.scalar("SELECT phase FROM tasks WHERE id = '\(taskID)'", as: String.self)
            if reply.output["task_status"] as? String == status, !submitted || phase == "submitted" { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CancellationError()
    }
}

extension GatewayHarness {
    func submitWithoutAsyncHeader(key: String) async throws -> Reply {
        try await self.send(
            .POST,
            "/api/v1/services/aigc/image2video/video-synthesis",
            key: key,
            body:
                #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg","audio_url":"https://e.com/a.mp3"}}"#
        )
    }
}
