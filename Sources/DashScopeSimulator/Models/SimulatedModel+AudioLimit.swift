import Foundation

extension SimulatedModel {
    /// The model's audio limit; nil for the detect models, which take no audio.
    ///
    /// Upstream documents that audio over wan2.2-s2v's limit fails the task; EMO and LivePortrait document their
    /// limits but not the failure, so they fail the task the same way; VideoRetalk documents its `InvalidFile.*`
    /// codes, `InvalidFile.Duration` among them, as HTTP 400.
    var audioLimit: AudioLimit? {
        switch self {
        case .synthesis:
            AudioLimit(
                maximum: 20,
                includesMaximum: false,
                refusesSubmission: false,
                message: "The audio duration must be less than 20 seconds."
            )
        case .emo:
            AudioLimit(
                maximum: 60,
                includesMaximum: false,
                refusesSubmission: false,
                message: "The audio duration must be less than 60 seconds."
            )
        case .livePortrait:
            AudioLimit(
                minimum: 1,
                maximum: 180,
                includesMaximum: true,
                refusesSubmission: false,
                message: "The audio duration must be between 1 second and 3 minutes."
            )
        case .videoRetalk:
            AudioLimit(
                minimum: 2,
                maximum: 120,
                includesMaximum: true,
                refusesSubmission: true,
                message: "The audio duration must be between 2 and 120 seconds."
            )
        case .detect, .emoDetect, .livePortraitDetect:
            nil
        }
    }
}
