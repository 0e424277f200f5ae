/// The `emo-detect-v1` body: `input.image_url`, and `parameters.ratio` (`1:1`, the default, or `3:4`), the ratio of
/// the `ext_bbox` to answer. Unknown keys are ignored.
struct EmoDetectRequestBody: DetectBody {
    struct Parameters: Decodable, Sendable {
        var ratio: String?
    }

    var input: DetectRequestBody.Input?
    var parameters: Parameters?

    func validated() throws(DashScopeError) -> DetectInput {
        let imageURL = try (self.input?.imageURL).requiredValue()
        guard let text = self.parameters?.ratio else { return DetectInput(imageURL: imageURL) }
        guard let ratio = VideoRatio(rawValue: text) else {
            throw .invalidParameter("The parameter ratio must be 1:1 or 3:4.")
        }
        return DetectInput(imageURL: imageURL, ratio: ratio)
    }
}
