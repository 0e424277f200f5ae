/// The `videoretalk` body: `input.video_url` and `input.audio_url`, an optional `input.ref_image_url` (the face to
/// lip-sync when the video shows several); the optional parameters `video_extension` (bool) and
/// `query_face_threshold` (120–200). Unknown keys are ignored.
struct VideoRetalkRequestBody: SynthesisBody {
    struct Input: Decodable, Sendable {
        var videoURL: String?
        var audioURL: String?
        var referenceImageURL: String?

        enum CodingKeys: String, CodingKey {
            case videoURL = "video_url"
            case audioURL = "audio_url"
            case referenceImageURL = "ref_image_url"
        }
    }

    struct Parameters: Decodable, Sendable {
        var videoExtension: Bool?
        var queryFaceThreshold: Int?

        enum CodingKeys: String, CodingKey {
            case videoExtension = "video_extension"
            case queryFaceThreshold = "query_face_threshold"
        }
    }

    var input: Input?
    var parameters: Parameters?

    func validated() throws(DashScopeError) -> SynthesisInput {
        let videoURL = try (self.input?.videoURL).requiredValue()
        let audioURL = try (self.input?.audioURL).requiredValue()
        try self.parameters?.queryFaceThreshold.checkParameter("query_face_threshold", within: 120...200)
        var media: [SynthesisInput.MediaURL] = [.init(field: "video_url", value: videoURL)]
        if let reference = self.input?.referenceImageURL {
            media.append(.init(field: "ref_image_url", value: reference))
        }
        return SynthesisInput(media: media, audioURL: audioURL, item: .videoRetalk)
    }
}
