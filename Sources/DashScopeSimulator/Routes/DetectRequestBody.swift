/// The body of `wan2.2-s2v-detect` and `liveportrait-detect`: `input.image_url`, no documented parameters.
/// Unknown keys are ignored.
struct DetectRequestBody: DetectBody {
    struct Input: Decodable, Sendable {
        var imageURL: String?

        enum CodingKeys: String, CodingKey {
            case imageURL = "image_url"
        }
    }

    var model: String?
    var input: Input?

    func validated() throws(DashScopeError) -> DetectInput {
        DetectInput(imageURL: try (self.input?.imageURL).requiredValue())
    }
}
