extension SimulatedModel {
    /// The type of the model's face-detect body; nil for the video models.
    var detectBody: (any DetectBody.Type)? {
        switch self {
        case .detect, .livePortraitDetect: DetectRequestBody.self
        case .emoDetect: EmoDetectRequestBody.self
        case .synthesis, .emo, .livePortrait, .videoRetalk: nil
        }
    }

    /// The type of the model's video-synthesis body; nil for the detect models.
    var synthesisBody: (any SynthesisBody.Type)? {
        switch self {
        case .synthesis: SynthesisRequestBody.self
        case .emo: EmoRequestBody.self
        case .livePortrait: LivePortraitRequestBody.self
        case .videoRetalk: VideoRetalkRequestBody.self
        case .detect, .emoDetect, .livePortraitDetect: nil
        }
    }
}
