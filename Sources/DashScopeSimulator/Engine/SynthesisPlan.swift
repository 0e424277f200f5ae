import Foundation

/// A validated video-synthesis submission, of any video model.
struct SynthesisPlan: Sendable {
    /// The model, and the tier the task's usage will report and the bill charge.
    var item: PricedItem
    /// Audio (and so video) length in seconds.
    var audioSeconds: Decimal
}
