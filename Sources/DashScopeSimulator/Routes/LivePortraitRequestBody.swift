import Foundation

/// The `liveportrait` body: `input.image_url` and `input.audio_url`; the optional parameters `template_id`
/// (`normal`, `calm`, `active`), `eye_move_freq` (0–1), `video_fps` (15–30), `mouth_move_strength` (0–1.5),
/// `paste_back` (bool) and `head_move_strength` (0–1). Unknown keys are ignored.
struct LivePortraitRequestBody: SynthesisBody {
    struct Input: Decodable, Sendable {
        var imageURL: String?
        /// The official SDKs' name for the image; an alias of `image_url`.
        var imgURL: String?
        var audioURL: String?

        enum CodingKeys: String, CodingKey {
            case imageURL = "image_url"
            case imgURL = "img_url"
            case audioURL = "audio_url"
        }
    }

    struct Parameters: Decodable, Sendable {
        var templateID: String?
        var eyeMoveFrequency: Decimal?
        var videoFPS: Int?
        var mouthMoveStrength: Decimal?
        var pasteBack: Bool?
        var headMoveStrength: Decimal?

        enum CodingKeys: String, CodingKey {
            case templateID = "template_id"
            case eyeMoveFrequency = "eye_move_freq"
            case videoFPS = "video_fps"
            case mouthMoveStrength = "mouth_move_strength"
            case pasteBack = "paste_back"
            case headMoveStrength = "head_move_strength"
        }
    }

    var input: Input?
    var parameters: Parameters?

    func validated() throws(DashScopeError) -> SynthesisInput {
        let imageURL = try (self.input?.imageURL ?? self.input?.imgURL).requiredValue()
        let audioURL = try (self.input?.audioURL).requiredValue()
        if let template = self.parameters?.templateID, MotionStyle(rawValue: template) == nil {
            throw .invalidParameter("The parameter template_id must be normal, calm or active.")
        }
        try self.parameters?.eyeMoveFrequency.checkParameter("eye_move_freq", within: 0...1)
        try self.parameters?.videoFPS.checkParameter("video_fps", within: 15...30)
        try self.parameters?.mouthMoveStrength.checkParameter(
            "mouth_move_strength",
            within: 0...Decimal(string: "1.5")!
        )
        try self.parameters?.headMoveStrength.checkParameter("head_move_strength", within: 0...1)
        return SynthesisInput(
            media: [.init(field: "image_url", value: imageURL)],
            audioURL: audioURL,
            item: .livePortrait
        )
    }
}
