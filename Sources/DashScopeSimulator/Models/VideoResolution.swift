import Foundation

/// The `parameters.resolution` tiers of `wan2.2-s2v`.
public enum VideoResolution: String, Sendable, Hashable, CaseIterable {
    case p480 = "480P"
    case p720 = "720P"

    /// The `usage.SR` value reported for the tier.
    var superResolution: Int {
        switch self {
        case .p480: 480
        case .p720: 720
        }
    }

    /// The `usage.size` reported for the tier; the simulator does not read images, so it assumes 4:3.
    var size: String {
        switch self {
        case .p480: "640*480"
        case .p720: "1280*720"
        }
    }
}
