/// The `wan2.2-s2v` request body. Unknown keys (`prompt`, `extend_prompt`, `style`...) are ignored,
/// which also makes `"prompt": null` harmless.
struct SynthesisRequestBody: SynthesisBody {
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
        var resolution: String?
    }

    var model: String?
    var input: Input?
    var parameters: Parameters?

    func validated() throws(DashScopeError) -> SynthesisInput {
        let imageURL = try (self.input?.imageURL ?? self.input?.imgURL).requiredValue()
        let audioURL = try (self.input?.audioURL).requiredValue()
        var resolution = VideoResolution.p480
        if let text = self.parameters?.resolution {
            guard let parsed = VideoResolution(rawValue: text) else {
                throw .invalidParameter("The parameter resolution must be 480P or 720P.")
            }
            resolution = parsed
        }
        return SynthesisInput(
            media: [.init(field: "image_url", value: imageURL)],
            audioURL: audioURL,
            item: .synthesis(resolution)
        )
    }
}
