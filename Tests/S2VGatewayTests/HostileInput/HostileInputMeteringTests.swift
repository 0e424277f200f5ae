import DashScopeSimulator
import Foundation
import PostgresNIO
import S2VStore
import S2VTestSupport
import Testing

/// Valid submissions interleaved with hostile variants of the same requests (a second `resolution`, a BOM, a
/// trailing comma, U+0000, UTF-16, a second `audio_url`): every hostile one is refused with 400 `InvalidParameter`
/// before anything is held or sent, and the metered total equals the upstream's bill to the last digit, per tier.
@Suite struct HostileInputMeteringTests {
    enum Item {
        case video(seconds: String, tier: String)
        case detect
        case hostile(HostileRequest)
    }

    static let synthesisPath = "/api/v1/services/aigc/image2video/video-synthesis"
    static let detectPath = "/api/v1/services/aigc/image2video/face-detect"

    @Test(.timeLimit(.minutes(30)), .sharesTheMachine(.load)) func meteredEqualsBilledAfterValidAndHostileSubmissions()
        async throws
    {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey("mixed-run")
        let client = RawHTTPClient(port: harness.port)
        let items = Self.plan(key: key)
        var videos: [String: Int] = ["480P": 0, "720P": 0]
        var detects = 0
        for item in items {
            switch item {
            case .video(let seconds, let tier):
                let request = Self.request(
                    Self.synthesisPath,
                    key: key,
                    body: Array(Self.videoBody(seconds: seconds, tier: tier).utf8),
                    mutation: "valid \(tier) \(seconds) s"
                )
                let response = await client.exchange([request.wire(port: harness.port)]).response
                #expect(response?.status == 200, "\(request.mutation): \(response?.text ?? "no answer")")
                videos[tier, default: 0] += 1
            case .detect:
                let request = Self.request(
                    Self.detectPath,
                    key: key,
                    body: Array(Self.detectBody().utf8),
                    mutation: "valid detect"
                )
                let response = await client.exchange([request.wire(port: harness.port)]).response
                #expect(response?.status == 200, "\(request.mutation): \(response?.text ?? "no answer")")
                detects += 1
            case .hostile(let request):
                let response = await client.exchange([request.wire(port: harness.port)]).response
                let error = response.flatMap { FlatErrorBody($0.body) }
                #expect(
                    response?.status == 400 && error?.code == "InvalidParameter",
                    "want 400 InvalidParameter, got \(response?.status ?? 0) \(response?.text.prefix(200) ?? "no answer")\n\(request.reproducer(keys: [key: "$TEAM_KEY"]))"
                )
            }
        }
        try await harness.waitUntilAllSettled()

        let bill = await harness.simulator.simulator.bill().total
        let metered = try await Self.sum("SELECT coalesce(sum(amount), 0) FROM ledger_entries", harness)
        #expect(metered == bill.amount, "metered \(metered), upstream billed \(bill.amount)")
        for tier in VideoResolution.allCases {
            let amount = try await Self.sum(
                """
                SELECT coalesce(sum(amount), 0) FROM ledger_entries
                WHERE kind = 'capture' AND model = 'wan2.2-s2v' AND tier = '\(tier.rawValue)'
                """,
                harness
            )
            #expect(
                amount == bill.videoAmounts[tier],
                "\(tier.rawValue): metered \(amount), billed \(bill.videoAmounts[tier] ?? 0)"
            )
            let captured = try await harness.scalar(
                "SELECT count(*) FROM ledger_entries WHERE kind = 'capture' AND tier = '\(tier.rawValue)'",
                as: Int.self
            )
            #expect(captured == bill.videos[tier], "\(tier.rawValue) videos")
            #expect(
                bill.videos[tier] == videos[tier.rawValue],
                "\(tier.rawValue): every valid task ran, no hostile one"
            )
        }
        let images = try await Self.sum(
            "SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE model = 'wan2.2-s2v-detect'",
            harness
        )
        #expect(images == bill.imageAmount, "detects: metered \(images), billed \(bill.imageAmount)")
        #expect(bill.images == detects)

        // Each task was priced at the tier the upstream ran and billed, for exactly what it billed.
        var captures: [String: (String, Decimal)] = [:]
        let rows = try await harness.client.query(
            """
            SELECT t.upstream_task_id, t.tier, l.amount FROM tasks t
            JOIN ledger_entries l ON l.task_id = t.id AND l.kind = 'capture'
            """
        )
        for try await (upstreamID, tier, amount) in rows.decode((String?, String, Decimal).self) {
            if let upstreamID { captures[upstreamID] = (tier, amount) }
        }
        for task in bill.tasks {
            #expect(
                captures[task.taskID]?.0 == task.resolution.rawValue,
                "task \(task.taskID) billed at \(task.resolution.rawValue)"
            )
            #expect(captures[task.taskID]?.1 == task.amount, "task \(task.taskID) billed \(task.amount)")
        }

        // Nothing hostile was admitted, held or sent.
        let stats = await harness.simulator.simulator.stats().total
        #expect(stats.submissionAttempts[.synthesis] == videos.values.reduce(0, +))
        #expect(stats.submissionAttempts[.detect] == detects)
        #expect(try await harness.scalar("SELECT count(*) FROM tasks", as: Int.self) == videos.values.reduce(0, +))
        #expect(try await Self.sum("SELECT coalesce(sum(held), 0) FROM ledger_entries", harness) == 0, "no hold left")
        #expect(
            try await Self.sum("SELECT coalesce(sum(cost), 0) FROM usage_daily", harness) == metered,
            "daily rollup"
        )
        #expect(
            try await Self.sum("SELECT coalesce(sum(amount), 0) FROM invoice_lines", harness) == metered,
            "invoice lines"
        )
        await harness.stop()
    }

    // MARK: The run

    /// 12 videos (both tiers) and 8 detects, each followed by one or two hostile variants, in a seeded order.
    static func plan(key: String) -> [Item] {
        var random = SeededGenerator(seed: 13)
        var items: [Item] = []
        for index in 0..<12 {
            let hundredths = Int.random(in: 100...1_999, using: &random)
            let seconds = "\(hundredths / 100).\(String(format: "%02d", hundredths % 100))"
            let tier = index % 2 == 0 ? "480P" : "720P"
            items.append(.video(seconds: seconds, tier: tier))
            let variants = Self.hostileVideos(seconds: seconds, tier: tier)
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                let (body, mutation) = variants.randomElement(using: &random)!
                items.append(.hostile(Self.request(Self.synthesisPath, key: key, body: body, mutation: mutation)))
            }
        }
        for _ in 0..<8 {
            items.append(.detect)
            let (body, mutation) = Self.hostileDetects().randomElement(using: &random)!
            items.append(.hostile(Self.request(Self.detectPath, key: key, body: body, mutation: mutation)))
        }
        // The two named in the issue, always.
        items.append(
            .hostile(
                Self.request(
                    Self.synthesisPath,
                    key: key,
                    body: Self.hostileVideos(seconds: "10.23", tier: "480P")[0].0,
                    mutation: "two resolutions, 480P then 720P"
                )
            )
        )
        items.append(
            .hostile(
                Self.request(
                    Self.synthesisPath,
                    key: key,
                    body: Self.hostileVideos(seconds: "10.23", tier: "480P")[1].0,
                    mutation: "trailing comma"
                )
            )
        )
        items.shuffle(using: &random)
        return items
    }

    static func videoBody(seconds: String, tier: String, audio: String? = nil) -> String {
        #"{"model":"wan2.2-s2v","input":{"image_url":"https://example.com/face.jpg","audio_url":"\#(audio ?? "https://example.com/voice.mp3?duration=\(seconds)")"},"parameters":{"resolution":"\#(tier)"}}"#
    }

    static func detectBody(imageURL: String = "https://example.com/face.jpg") -> String {
        #"{"model":"wan2.2-s2v-detect","input":{"image_url":"\#(imageURL)"}}"#
    }

    static func hostileVideos(seconds: String, tier: String) -> [([UInt8], String)] {
        let valid = Self.videoBody(seconds: seconds, tier: tier)
        let audio = "https://example.com/voice.mp3?duration=\(seconds)"
        let variants: [(String, String)] = [
            (
                valid.replacingOccurrences(
                    of: #""resolution":"\#(tier)""#,
                    with: #""resolution":"480P","resolution":"720P""#
                ),
                "two resolutions, 480P then 720P"
            ),
            (valid.replacingOccurrences(of: #"\#(audio)"}"#, with: #"\#(audio)",}"#), "trailing comma in input"),
            (
                valid.replacingOccurrences(
                    of: #""resolution":"\#(tier)""#,
                    with: #""resolution":"720P","resolution":"480P""#
                ),
                "two resolutions, 720P then 480P"
            ),
            ("\u{FEFF}" + valid, "UTF-8 BOM"),
            (valid.replacingOccurrences(of: "voice.mp3", with: #"voice.mp3\u0000"#), "NUL in audio_url"),
            (valid.replacingOccurrences(of: #""\#(tier)""#, with: #""\#(tier)\u0000""#), "NUL in resolution"),
            (valid.replacingOccurrences(of: #""wan2.2-s2v""#, with: #""wan2.2-s2v\u0000""#), "NUL in model"),
            (
                valid.replacingOccurrences(
                    of: #"{"model":"wan2.2-s2v""#,
                    with: #"{"model":"wan2.2-s2v-detect","model":"wan2.2-s2v""#
                ),
                "two models"
            ),
            (
                valid.replacingOccurrences(
                    of: #""audio_url":"\#(audio)""#,
                    with: #""audio_url":"https://example.com/voice.mp3?duration=1","audio_url":"\#(audio)""#
                ),
                "two audio_urls"
            ),
            (valid.replacingOccurrences(of: "}}", with: #"},"extra":"x\u0000"}"#), "NUL in an extra field"),
        ]
        var bodies = variants.map { (Array($0.0.utf8), $0.1) }
        bodies.append((valid.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "UTF-16LE"))
        return bodies
    }

    static func hostileDetects() -> [([UInt8], String)] {
        let valid = Self.detectBody()
        let variants: [(String, String)] = [
            ("\u{FEFF}" + valid, "UTF-8 BOM"),
            (valid.replacingOccurrences(of: #"face.jpg"}"#, with: #"face.jpg",}"#), "trailing comma in input"),
            (valid.replacingOccurrences(of: "face.jpg", with: #"face\u0000.jpg"#), "NUL in image_url"),
            (valid.replacingOccurrences(of: #"{"model""#, with: #"{"model":"wan2.2-s2v","model""#), "two models"),
            (
                valid.replacingOccurrences(
                    of: #""image_url""#,
                    with: #""image_url":"https://example.com/a.jpg","image_url""#
                ),
                "two image_urls"
            ),
        ]
        return variants.map { (Array($0.0.utf8), $0.1) }
    }

    static func request(_ path: String, key: String, body: [UInt8], mutation: String) -> HostileRequest {
        HostileRequest(
            origin: "mixed run",
            route: path == Self.detectPath ? .faceDetect : .videoSynthesis,
            mutation: mutation,
            method: "POST",
            target: path,
            headers: [
                ("Authorization", "Bearer \(key)"), ("Content-Type", "application/json"),
                ("X-DashScope-Async", "enable"),
            ],
            body: body,
            expectation: .refused
        )
    }

    static func sum(_ sql: String, _ harness: GatewayHarness) async throws -> Decimal {
        try await harness.scalar(sql, as: Decimal.self) ?? -1
    }
}
