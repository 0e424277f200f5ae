import Foundation
import NIOHTTP1

/// Requests to the family's models (EMO, LivePortrait, VideoRetalk), built as their upstream docs show them.
extension TestAPI {
    /// The boxes of the upstream doc's `emo-detect-v1` example: a face, and a 1:1 region around it.
    static let faceBox = "[302,286,610,593]"
    static let squareBox = "[71,9,840,778]"

    /// `POST face-detect` with a raw body.
    func detect(body: String) async throws -> TestResponse {
        try await self.send(.POST, Self.detectPath, body: body)
    }

    /// `POST face-detect` with `emo-detect-v1`, and `parameters.ratio` if given.
    func emoDetect(image: String = "https://example.com/face.jpg", ratio: String? = nil) async throws -> TestResponse {
        let parameters = ratio.map { #","parameters":{"ratio":"\#($0)"}"# } ?? ""
        return try await self.detect(
            body: #"{"model":"emo-detect-v1","input":{"image_url":"\#(image)"}\#(parameters)}"#
        )
    }

    /// `POST video-synthesis` with `emo-v1`; `parameters` is a JSON object's text.
    func emo(
        image: String = "https://example.com/face.jpg",
        audio: String = "https://example.com/voice.mp3",
        faceBox: String = TestAPI.faceBox,
        extBox: String = TestAPI.squareBox,
        parameters: String? = nil
    ) async throws -> TestResponse {
        let parameters = parameters.map { #","parameters":\#($0)"# } ?? ""
        return try await self.synthesize(
            body: """
                {"model":"emo-v1","input":{"image_url":"\(image)","audio_url":"\(audio)",\
                "face_bbox":\(faceBox),"ext_bbox":\(extBox)}\(parameters)}
                """
        )
    }

    /// `POST video-synthesis` with `liveportrait`; `parameters` is a JSON object's text.
    func livePortrait(
        image: String = "https://example.com/face.jpg",
        audio: String = "https://example.com/voice.mp3",
        parameters: String? = nil
    ) async throws -> TestResponse {
        let parameters = parameters.map { #","parameters":\#($0)"# } ?? ""
        return try await self.synthesize(
            body: #"{"model":"liveportrait","input":{"image_url":"\#(image)","audio_url":"\#(audio)"}\#(parameters)}"#
        )
    }

    /// `POST video-synthesis` with `videoretalk`; `parameters` is a JSON object's text.
    func videoRetalk(
        video: String = "https://example.com/talk.mp4",
        audio: String = "https://example.com/voice.mp3",
        referenceImage: String? = nil,
        parameters: String? = nil
    ) async throws -> TestResponse {
        let reference = referenceImage.map { #","ref_image_url":"\#($0)""# } ?? ""
        let parameters = parameters.map { #","parameters":\#($0)"# } ?? ""
        return try await self.synthesize(
            body: """
                {"model":"videoretalk","input":{"video_url":"\(video)","audio_url":"\(audio)"\(reference)}\
                \(parameters)}
                """
        )
    }
}
