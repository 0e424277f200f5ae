import Foundation
import Logging
import NIOHTTP1
import S2VCore
import S2VStore
import S2VTestSupport

/// Calls of the whole family, as raw bodies, and what the store recorded of them.
extension GatewayHarness {
    /// A face-detect call with `body` as sent.
    func faceDetect(key: String, body: String) async throws -> Reply {
        try await self.send(.POST, "/api/v1/services/aigc/image2video/face-detect", key: key, body: body)
    }

    /// A video-synthesis call with `body` as sent.
    func synthesize(key: String, body: String) async throws -> Reply {
        try await self.send(
            .POST,
            "/api/v1/services/aigc/image2video/video-synthesis",
            key: key,
            body: body,
            headers: [("X-DashScope-Async", "enable")]
        )
    }

    /// An emo-v1 body: the boxes a detect returned, and an audio of `seconds`.
    static func emoBody(
        extBox: String,
        faceBox: String = "[302,286,610,593]",
        seconds: String = "5",
        imageQuery: String = ""
    ) -> String {
        #"{"model":"emo-v1","input":{"image_url":"https://example.com/face.jpg\#(imageQuery)","audio_url":"https://example.com/a.mp3?duration=\#(seconds)","face_bbox":\#(faceBox),"ext_bbox":\#(extBox)},"parameters":{"style_level":"normal"}}"#
    }

    /// A 1:1 and a 3:4 extended box, as emo-detect-v1 returns them.
    static let squareBox = "[71,9,840,778]"
    static let portraitBox = "[150,9,762,825]"

    /// Rows the metering wrote: tasks, ledger entries and upstream calls.
    func meteredRows() async throws -> Int {
        try await self.scalar(
            """
            SELECT (SELECT count(*) FROM tasks) + (SELECT count(*) FROM ledger_entries)
                 + (SELECT count(*) FROM upstream_calls) + (SELECT count(*) FROM dispatch_queue)
            """,
            as: Int.self
        ) ?? -1
    }

    /// Sets a price in force now, and waits until the gateway's cached price book has seen it (at most the caches'
    /// one-second lifetime).
    func setPrice(model: String, tier: String = "", unitPrice: String) async throws {
        try await self.database.withClient { client in
            _ = try await PriceRepository(client: client).set(
                model: model,
                tier: tier,
                unitPrice: Decimal(string: unitPrice)!,
                currency: "USD",
                effectiveFrom: Date().addingTimeInterval(-1),
                logger: Logger(label: "test")
            )
        }
        try await Task.sleep(for: .milliseconds(1_050))
    }
}
