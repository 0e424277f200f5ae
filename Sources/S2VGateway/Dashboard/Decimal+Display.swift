import Foundation
import S2VCore

extension Decimal {
    /// The value rounded half-even to exactly `decimals` decimals, zeros included ("0.3000"); for display only.
    func fixed(_ decimals: Int) -> String {
        let text = self.rounded(scale: decimals).exactString
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        guard decimals > 0 else { return String(whole) }
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return whole + "." + fraction.padding(toLength: decimals, withPad: "0", startingAt: 0)
    }

    /// The value as a Double, for pixel coordinates only: never for a figure shown as text.
    var pixelValue: Double {
        NSDecimalNumber(decimal: self).doubleValue
    }
}
