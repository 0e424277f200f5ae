/// The `emo-v1` body: `input.image_url`, `input.audio_url`, and the `face_bbox` and `ext_bbox` that `emo-detect-v1`
/// answered (4 integers each); `parameters.style_level` is `normal`, `calm` or `active`. The task's ratio, and so its
/// price tier, is the aspect ratio of `ext_bbox`, which must be 1:1 or 3:4. Unknown keys are ignored.
struct EmoRequestBody: SynthesisBody {
    struct Input: Decodable, Sendable {
        var imageURL: String?
        /// The official SDKs' name for the image; an alias of `image_url`.
        var imgURL: String?
        var audioURL: String?
        var faceBox: [Int]?
        var extendedBox: [Int]?

        enum CodingKeys: String, CodingKey {
            case imageURL = "image_url"
            case imgURL = "img_url"
            case audioURL = "audio_url"
            case faceBox = "face_bbox"
            case extendedBox = "ext_bbox"
        }
    }

    struct Parameters: Decodable, Sendable {
        var styleLevel: String?

        enum CodingKeys: String, CodingKey {
            case styleLevel = "style_level"
        }
    }

    var input: Input?
    var parameters: Parameters?

    func validated() throws(DashScopeError) -> SynthesisInput {
        let imageURL = try (self.input?.imageURL ?? self.input?.imgURL).requiredValue()
        let audioURL = try (self.input?.audioURL).requiredValue()
        _ = try Self.box(self.input?.faceBox, field: "face_bbox")
        let extended = try Self.box(self.input?.extendedBox, field: "ext_bbox")
        guard let ratio = VideoRatio.of(extended) else {
            throw .invalidParameter("The aspect ratio of ext_bbox must be 1:1 or 3:4.")
        }
        if let style = self.parameters?.styleLevel, MotionStyle(rawValue: style) == nil {
            throw .invalidParameter("The parameter style_level must be normal, calm or active.")
        }
        return SynthesisInput(
            media: [.init(field: "image_url", value: imageURL)],
            audioURL: audioURL,
            item: .emo(ratio)
        )
    }

    private static func box(_ coordinates: [Int]?, field: String) throws(DashScopeError) -> FaceBox {
        guard let coordinates else { throw .missingParameter }
        guard let box = FaceBox(coordinates: coordinates) else {
            throw .invalidParameter(
                "The \(field) must be 4 integers [x1, y1, x2, y2] with 0 <= x1 < x2 and 0 <= y1 < y2."
            )
        }
        return box
    }
}
