/// The `wan2.2-s2v` request body. Unknown keys (`prompt`, `extend_prompt`, `style`...) are ignored,
/// which also makes `"prompt": null` harmless.
struct SynthesisRequestBody: Decodable, Sendable {
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
}
