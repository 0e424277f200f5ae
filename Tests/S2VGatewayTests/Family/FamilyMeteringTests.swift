import DashScopeSimulator
import Foundation
import Logging
import NIOHTTP1
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// Issue 16: the family is held and billed by its catalog rows, against the simulator over HTTP.
@Suite struct FamilyMeteringTests {
    @Test func emoIsHeldAtTheRatioOfItsBoxAndChargedWhatTheUpstreamBills() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let detect = try await harness.faceDetect(
            key: key,
            body:
                #"{"model":"emo-detect-v1","input":{"image_url":"https://example.com/face.jpg"},"parameters":{"ratio":"3:4"}}"#
        )
        #expect(detect.status == 200)
        let box = try #require(detect.output["ext_bbox"] as? [Int])
        let faceBox = try #require(detect.output["face_bbox"] as? [Int])
        let created = try await harness.synthesize(
            key: key,
            body: GatewayHarness.emoBody(extBox: "\(box)", faceBox: "\(faceBox)", seconds: "12.5")
        )
        #expect(created.status == 200, "\(created.text)")
        // 60 s (EMO's audio limit) × 0.022937, the derived 3:4 price.
        #expect(
            try await harness.scalar(
                "SELECT held FROM ledger_entries WHERE kind = 'hold' AND task_id IS NOT NULL",
                as: Decimal.self
            )
                == Decimal(string: "1.37622")
        )
        try await harness.waitUntilAllSettled()
        let charge = try await harness.scalar(
            "SELECT amount FROM ledger_entries WHERE kind = 'capture' AND task_id IS NOT NULL AND tier = '3:4'",
            as: Decimal.self
        )
        #expect(charge == Decimal(string: "0.2867125"))
        let metered = try await harness.scalar(
            "SELECT sum(amount) FROM ledger_entries WHERE kind IN ('charge', 'capture')",
            as: Decimal.self
        )
        let bill = await harness.simulator.simulator.bill().total
        #expect(metered == bill.amount)
        #expect(bill.lines[.emo(.threeByFour)]?.amount == charge)
        #expect(try await harness.scalar("SELECT count(*) FROM tasks WHERE needs_review", as: Int.self) == 0)
        await harness.stop()
    }

    @Test func aReportedTierOtherThanTheAdmittedOneIsChargedAtItInFullAndFlagged() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        // Admitted at 1:1 (its box), held 60 s × 0.011469 = 0.68814; the upstream reports and bills 3:4, for
        // 40 s × 0.022937 = 0.91748: more than the hold, charged in full, never trimmed.
        let created = try await harness.synthesize(
            key: key,
            body: GatewayHarness.emoBody(extBox: GatewayHarness.squareBox, seconds: "40", imageQuery: "?sim_ratio=3:4")
        )
        #expect(created.status == 200, "\(created.text)")
        #expect(
            try await harness.scalar("SELECT held FROM ledger_entries WHERE kind = 'hold'", as: Decimal.self)
                == Decimal(string: "0.68814")
        )
        try await harness.waitUntilAllSettled()
        let tier = try await harness.scalar("SELECT tier FROM ledger_entries WHERE kind = 'capture'", as: String.self)
        let amount = try await harness.scalar(
            "SELECT amount FROM ledger_entries WHERE kind = 'capture'",
            as: Decimal.self
        )
        #expect(tier == "3:4")
        #expect(amount == Decimal(string: "0.91748"))
        #expect(try await harness.scalar("SELECT needs_review FROM tasks", as: Bool.self) == true, "flagged for review")
        #expect(try await harness.scalar("SELECT tier FROM tasks", as: String.self) == "1:1", "as admitted")
        #expect(await harness.simulator.simulator.bill().total.amount == amount, "what the upstream billed")
        #expect(
            try await harness.scalar("SELECT held FROM budget_usage", as: Decimal.self) ?? 0 == 0,
            "the hold is released whole"
        )
        await harness.stop()
    }

    @Test func liveportraitIsRefusedUntilPricedThenMetered() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        let body =
            #"{"model":"liveportrait","input":{"image_url":"https://example.com/a.jpg","audio_url":"https://example.com/a.mp3?duration=9.4"},"parameters":{"template_id":"calm","video_fps":24}}"#
        #expect(try await harness.synthesize(key: key, body: body).status == 400)
        try await harness.setPrice(model: "liveportrait", unitPrice: "0.00286708")
        let created = try await harness.synthesize(key: key, body: body)
        #expect(created.status == 200, "\(created.text)")
        // 180 s (LivePortrait's audio limit) × the price set.
        #expect(
            try await harness.scalar("SELECT held FROM ledger_entries WHERE kind = 'hold'", as: Decimal.self)
                == Decimal(string: "0.5160744")
        )
        try await harness.waitUntilAllSettled()
        #expect(
            try await harness.scalar("SELECT amount FROM ledger_entries WHERE kind = 'capture'", as: Decimal.self)
                == Decimal(string: "0.026950552")
        )
        #expect(await harness.simulator.simulator.bill().total.amount == Decimal(string: "0.026950552"))
        await harness.stop()
    }

    @Test func aModelAddedWithModelsSetIsMeteredWithNoCodeChange() async throws {
        var simulator = SimulatorConfiguration(
            apiKeys: [GatewayHarness.upstreamKey],
            generationTime: .milliseconds(150)
        )
        simulator.launchedModels = ["wan2.5-s2v": .synthesis]
        let harness = try await GatewayHarness.start(simulator: simulator)
        let (admin, key) = (try await harness.makeAdminKey(), try await harness.makeTeamKey("studio"))
        let body =
            #"{"model":"wan2.5-s2v","input":{"image_url":"https://example.com/a.jpg","audio_url":"https://example.com/a.mp3?duration=7.5"},"parameters":{"resolution":"720P"}}"#
        #expect(try await harness.synthesize(key: key, body: body).json["code"] as? String == "InvalidParameter")

        // The admin API adds it, shaped like wan2.2-s2v with a 30 s limit; then it is priced by tier.
        let added = try await harness.send(
            .PUT,
            "/v1/models/wan2.5-s2v",
            key: admin,
            body: #"{"like":"wan2.2-s2v","max_billable_seconds":"30"}"#
        )
        #expect(added.status == 200, "\(added.text)")
        let model = try #require((added.json["models"] as? [[String: Any]])?.first)
        #expect(model["tier_source"] as? String == "parameter" && model["max_billable_seconds"] as? String == "30")
        #expect(try await harness.synthesize(key: key, body: body).status == 400, "refused until priced")
        try await harness.setPrice(model: "wan2.5-s2v", tier: "480P", unitPrice: "0.1")
        try await harness.setPrice(model: "wan2.5-s2v", tier: "720P", unitPrice: "0.2")

        let created = try await harness.synthesize(key: key, body: body)
        #expect(created.status == 200, "\(created.text)")
        #expect(
            try await harness.scalar("SELECT held FROM ledger_entries WHERE kind = 'hold'", as: Decimal.self)
                == Decimal(6),
            "30 s × 0.2, its own hold"
        )
        try await harness.waitUntilAllSettled()
        #expect(
            try await harness.scalar(
                "SELECT amount FROM ledger_entries WHERE kind = 'capture' AND model = 'wan2.5-s2v' AND tier = '720P'",
                as: Decimal.self
            ) == Decimal(string: "1.5")
        )
        // Reported: the invoice line and the usage report carry the new model and tier.
        #expect(
            try await harness.scalar(
                "SELECT amount FROM invoice_lines WHERE model = 'wan2.5-s2v' AND tier = '720P'",
                as: Decimal.self
            ) == Decimal(string: "1.5")
        )
        let usage = try await harness.send(.GET, "/v1/reports/usage?by=model,tier&format=json", key: admin)
        #expect(usage.status == 200 && usage.text.contains("wan2.5-s2v"), "\(usage.text)")
        // The change is in the audit trail, by the admin key that made it.
        #expect(
            try await harness.scalar(
                "SELECT actor FROM admin_changes WHERE object = 'model' AND object_id = 'wan2.5-s2v' AND action = 'create'",
                as: String.self
            )?.hasPrefix("key:") == true
        )
        await harness.stop()
    }
}
