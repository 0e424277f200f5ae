/// A video-synthesis body checked against its model's contract.
struct SynthesisInput: Sendable {
    /// An input URL and the field it came in.
    struct MediaURL: Sendable {
        var field: String
        var value: String
    }

    /// The input URLs other than the audio (`image_url`, `video_url`, `ref_image_url`), in the order to check them.
    var media: [MediaURL]
    /// `input.audio_url`.
    var audioURL: String
    /// The task's model, and its tier: the resolution asked for, or the ratio of the `ext_bbox` sent.
    var item: PricedItem
}
