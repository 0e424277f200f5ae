import DashScopeSimulator
import Foundation
import S2VStore
import S2VTestSupport
import Testing

/// Issue 16: every family request the catalog's rules refuse gets 400 `InvalidParameter`, before anything is held,
/// written or sent.
@Suite struct FamilyValidationTests {
    static let emoInput = #""image_url":"https://example.com/a.jpg","audio_url":"https://example.com/a.mp3""#
    static let retalkInput = #""video_url":"https://example.com/v.mp4","audio_url":"https://example.com/a.mp3""#

    /// (endpoint, body, what the message names).
    static let refused: [(Bool, String, String)] = [
        (false, #"{"model":"emo-v1","input":{\#(emoInput),"ext_bbox":[71,9,840,778]}}"#, "input.face_bbox is required"),
        (
            false, #"{"model":"emo-v1","input":{\#(emoInput),"face_bbox":[302,286,610,593]}}"#,
            "input.ext_bbox is required"
        ),
        (
            false, #"{"model":"emo-v1","input":{\#(emoInput),"face_bbox":[302,286,610],"ext_bbox":[71,9,840,778]}}"#,
            "input.face_bbox must be a box"
        ),
        (
            false,
            #"{"model":"emo-v1","input":{\#(emoInput),"face_bbox":[302,286,610,593],"ext_bbox":"71,9,840,778"}}"#,
            "input.ext_bbox must be a box"
        ),
        (
            false,
            #"{"model":"emo-v1","input":{\#(emoInput),"face_bbox":[302,286,610,593],"ext_bbox":[71,9,840,-778]}}"#,
            "none negative"
        ),
        // A box that is neither 1:1 nor 3:4.
        (
            false, #"{"model":"emo-v1","input":{\#(emoInput),"face_bbox":[302,286,610,593],"ext_bbox":[0,0,500,700]}}"#,
            "1:1, 3:4"
        ),
        (
            false,
            #"{"model":"emo-v1","input":{\#(emoInput),"face_bbox":[302,286,610,593],"ext_bbox":[71,9,840,778]},"parameters":{"style_level":"loud"}}"#,
            "parameters.style_level must be one of normal, calm, active"
        ),
        (
            false, #"{"model":"videoretalk","input":{"audio_url":"https://example.com/a.mp3"}}"#,
            "input.video_url is required"
        ),
        (
            false, #"{"model":"videoretalk","input":{\#(retalkInput)},"parameters":{"query_face_threshold":90}}"#,
            "between 120 and 200"
        ),
        (
            false,
            #"{"model":"liveportrait","input":{"image_url":"https://example.com/a.jpg","audio_url":"https://example.com/a.mp3"},"parameters":{"video_fps":60}}"#,
            "parameters.video_fps must be between 15 and 30"
        ),
        (
            false,
            #"{"model":"liveportrait","input":{"image_url":"https://example.com/a.jpg","audio_url":"https://example.com/a.mp3"},"parameters":{"template_id":"wild"}}"#,
            "parameters.template_id must be one of"
        ),
        // Shipped unpriced: refused until an admin sets a price, never metered at $0.
        (
            false,
            #"{"model":"liveportrait","input":{"image_url":"https://example.com/a.jpg","audio_url":"https://example.com/a.mp3"}}"#,
            "has no price"
        ),
        (true, #"{"model":"liveportrait-detect","input":{"image_url":"https://example.com/a.jpg"}}"#, "has no price"),
        (
            true,
            #"{"model":"emo-detect-v1","input":{"image_url":"https://example.com/a.jpg"},"parameters":{"ratio":"2:3"}}"#,
            "parameters.ratio must be one of 1:1, 3:4"
        ),
        (true, #"{"model":"emo-detect-v1","input":{}}"#, "input.image_url is required"),
        // A model of the other endpoint.
        (true, #"{"model":"emo-v1","input":{"image_url":"https://example.com/a.jpg"}}"#, "is not a face-detect model"),
        (false, #"{"model":"emo-detect-v1","input":{\#(emoInput)}}"#, "is not a video generation model"),
    ]

    @Test func eachInvalidFamilyRequestIsRefusedWithNothingWrittenOrSent() async throws {
        let harness = try await GatewayHarness.start()
        let key = try await harness.makeTeamKey()
        for (detect, body, expected) in Self.refused {
            let reply =
                detect
                ? try await harness.faceDetect(key: key, body: body)
                : try await harness.synthesize(key: key, body: body)
            #expect(reply.status == 400, "\(body): \(reply.text)")
            #expect(reply.json["code"] as? String == "InvalidParameter", "\(body)")
            #expect((reply.json["message"] as? String)?.contains(expected) == true, "\(body): \(reply.text)")
        }
        #expect(try await harness.meteredRows() == 0, "nothing held or written")
        let sent = await harness.simulator.simulator.stats().total.submissionAttempts.values.reduce(0, +)
        #expect(sent == 0, "nothing sent upstream")
        await harness.stop()
    }
}
