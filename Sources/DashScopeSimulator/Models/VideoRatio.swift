/// EMO's two video ratios: `parameters.ratio` of `emo-detect-v1`, the aspect ratio of its `ext_bbox`, and
/// `usage.video_ratio` of `emo-v1`, whose price tier it is.
public enum VideoRatio: String, Sendable, Hashable, CaseIterable {
    /// Head shot; the default. The video is 512×512.
    case oneByOne = "1:1"
    /// Half body. The video is 512×704.
    case threeByFour = "3:4"

    /// Width and height of the ratio, in lowest terms.
    var widthToHeight: (width: Int, height: Int) {
        switch self {
        case .oneByOne: (1, 1)
        case .threeByFour: (3, 4)
        }
    }

    /// The ratio of a box whose width and height are exactly in one of the two ratios; nil for any other.
    static func of(_ box: FaceBox) -> VideoRatio? {
        Self.allCases.first { ratio in
            let (width, height) = ratio.widthToHeight
            let (left, leftOverflow) = box.width.multipliedReportingOverflow(by: height)
            let (right, rightOverflow) = box.height.multipliedReportingOverflow(by: width)
            return !leftOverflow && !rightOverflow && left == right
        }
    }
}
