import Foundation

extension Double {
    /// A pixel coordinate for an SVG attribute, to a tenth of a pixel.
    var svg: String { String(format: "%.1f", self) }
}
