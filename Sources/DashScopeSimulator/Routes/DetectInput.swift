/// A face-detect body checked against its model's contract.
struct DetectInput: Sendable {
    /// `input.image_url`.
    var imageURL: String
    /// `parameters.ratio` of `emo-detect-v1` (1:1 when absent); the other detect models have none.
    var ratio: VideoRatio = .oneByOne
}
