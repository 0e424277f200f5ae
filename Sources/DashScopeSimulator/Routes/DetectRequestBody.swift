/// The `wan2.2-s2v-detect` request body; unknown keys are ignored.
struct DetectRequestBody: Decodable, Sendable {
    struct Input: Decodable, Sendable {
        var imageURL: String?

        enum CodingKeys: String, CodingKey {
            case imageURL = "image_url"
        }
    }

    var model: String?
    var input: Input?
}
