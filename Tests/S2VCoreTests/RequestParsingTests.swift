import Foundation
import S2VCore
import Testing

@Suite struct RequestParsingTests {
    func parse(_ body: String) throws(ServiceError) -> GenerationRequest {
        try GenerationRequest.parse(try RequestDocument(parsing: Data(body.utf8)))
    }

    @Test func acceptsWhatTheOfficialSDKSends() throws {
        let request = try self.parse(
            #"{"model":"wan2.2-s2v","input":{"prompt":null,"extend_prompt":true,"img_url":"https://e.com/a.jpg","audio_url":"oss://bucket/v.mp3"},"parameters":{"resolution":"720P","style":"speech"}}"#
        )
        #expect(request.imageURL == "https://e.com/a.jpg")
        #expect(request.audioURL == "oss://bucket/v.mp3")
        #expect(request.resolution == "720P")
    }

    @Test func defaultsTo480PLikeDashScope() throws {
        let request = try self.parse(
            #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg","audio_url":"https://e.com/v.mp3"}}"#
        )
        #expect(request.resolution == "480P")
    }

    @Test(arguments: [
        ("[]", "JSON object"),
        (#"{"input":{}}"#, "model is required"),
        (#"{"model":"wan2.2-s2v","input":{"audio_url":"https://e.com/v.mp3"}}"#, "input.image_url is required"),
        (#"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg"}}"#, "input.audio_url is required"),
        (
            #"{"model":"wan2.2-s2v","input":{"image_url":"file:///etc/passwd","audio_url":"https://e.com/v.mp3"}}"#,
            "http, https or oss"
        ),
        (#"{"model":"wan2.2-s2v","input":{"image_url":"https://","audio_url":"https://e.com/v.mp3"}}"#, "no host"),
        (
            #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg","audio_url":"https://e.com/v.mp3"},"parameters":{"resolution":720}}"#,
            "parameters.resolution"
        ),
    ])
    func refusesWithAClearMessage(body: String, expected: String) {
        #expect {
            try self.parse(body)
        } throws: { error in
            guard let error = error as? ServiceError else { return false }
            return error.status == 400 && error.code == "InvalidParameter" && error.message.contains(expected)
        }
    }

    @Test func detectNeedsAnImage() throws {
        let valid = try RequestDocument(
            parsing: Data(#"{"model":"wan2.2-s2v-detect","input":{"image_url":"https://e.com/a.jpg"}}"#.utf8)
        )
        #expect(try DetectRequest.parse(valid).imageURL == "https://e.com/a.jpg")
        let missing = try RequestDocument(parsing: Data(#"{"model":"wan2.2-s2v-detect","input":{}}"#.utf8))
        #expect(throws: ServiceError.self) { try DetectRequest.parse(missing) }
    }
}
