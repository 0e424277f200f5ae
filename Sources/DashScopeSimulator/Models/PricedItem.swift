import Foundation

/// What one price applies to: a model, at a tier for the two models priced by tier (`wan2.2-s2v` by resolution,
/// `emo-v1` by video ratio). The other models have one price each.
public enum PricedItem: Sendable, Hashable, CaseIterable {
    case detect
    case synthesis(VideoResolution)
    case emoDetect
    case emo(VideoRatio)
    case livePortraitDetect
    case livePortrait
    case videoRetalk

    /// Every item, in the bill's order.
    public static let allCases: [PricedItem] =
        [.detect] + VideoResolution.allCases.map(PricedItem.synthesis)
        + [.emoDetect] + VideoRatio.allCases.map(PricedItem.emo)
        + [.livePortraitDetect, .livePortrait, .videoRetalk]

    /// The item of a model with one price; nil for the two models priced by tier.
    public init?(untiered model: SimulatedModel) {
        switch model {
        case .detect: self = .detect
        case .emoDetect: self = .emoDetect
        case .livePortraitDetect: self = .livePortraitDetect
        case .livePortrait: self = .livePortrait
        case .videoRetalk: self = .videoRetalk
        case .synthesis, .emo: return nil
        }
    }

    /// The billed model.
    public var model: SimulatedModel {
        switch self {
        case .detect: .detect
        case .synthesis: .synthesis
        case .emoDetect: .emoDetect
        case .emo: .emo
        case .livePortraitDetect: .livePortraitDetect
        case .livePortrait: .livePortrait
        case .videoRetalk: .videoRetalk
        }
    }

    /// The tier as usage and the bill write it (`480P`, `720P`, `1:1`, `3:4`); nil for a model with one price.
    public var tier: String? {
        switch self {
        case .synthesis(let resolution): resolution.rawValue
        case .emo(let ratio): ratio.rawValue
        case .detect, .emoDetect, .livePortraitDetect, .livePortrait, .videoRetalk: nil
        }
    }

    /// The item's name in the bill's price list: the model, then the tier if any (`wan2.2-s2v 480P`, `videoretalk`).
    public var name: String {
        self.tier.map { "\(self.model.rawValue) \($0)" } ?? self.model.rawValue
    }

    /// What one unit is: an image checked, for the detect models, or a second of video.
    public var unit: String {
        self.model.endpoint == .faceDetect ? "image" : "second"
    }

    /// USD per unit.
    public var price: Decimal {
        switch self {
        case .detect: SimulatorPrices.detectPerImage
        case .synthesis(.p480): SimulatorPrices.video480PPerSecond
        case .synthesis(.p720): SimulatorPrices.video720PPerSecond
        case .emoDetect: SimulatorPrices.emoDetectPerImage
        case .emo(.oneByOne): SimulatorPrices.emoOneByOnePerSecond
        case .emo(.threeByFour): SimulatorPrices.emoThreeByFourPerSecond
        case .livePortraitDetect: SimulatorPrices.livePortraitDetectAssumedPerImage
        case .livePortrait: SimulatorPrices.livePortraitAssumedPerSecond
        case .videoRetalk: SimulatorPrices.videoRetalkPerSecond
        }
    }
}
