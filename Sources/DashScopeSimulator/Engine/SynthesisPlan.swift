import Foundation

/// A validated `wan2.2-s2v` submission.
struct SynthesisPlan: Sendable {
    var resolution: VideoResolution
    /// Audio (and so video) length in seconds.
    var audioSeconds: Decimal
}
