import Foundation

/// A JSON number as written, sign, digits and exponent, turned into a `Decimal` only when that is exact.
struct JSONNumberLiteral {
    var negative = false
    var integerDigits: ArraySlice<UInt8> = []
    var fractionDigits: ArraySlice<UInt8> = []
    var exponent = 0

    /// The exact value, or nil when it has more than `maximumDigits` significant digits or its leading digit
    /// lies beyond 10^±`maximumExponent`. Zero is zero, whatever its exponent.
    func decimal(maximumDigits: Int, maximumExponent: Int) -> Decimal? {
        let zero = UInt8(ascii: "0")
        var digits = Array(self.integerDigits) + Array(self.fractionDigits)
        // value = digits × 10^scale
        var scale = self.exponent - self.fractionDigits.count
        let firstSignificant = digits.firstIndex { $0 != zero } ?? digits.endIndex
        digits.removeFirst(firstSignificant)
        guard !digits.isEmpty else { return Decimal.zero }
        while digits.last == zero {
            digits.removeLast()
            scale += 1
        }
        let leading = scale + digits.count - 1
        guard digits.count <= maximumDigits, (-maximumExponent...maximumExponent).contains(leading),
            scale >= -(maximumExponent + maximumDigits),
            let significand = Decimal(string: String(decoding: digits, as: UTF8.self))
        else { return nil }
        return Decimal(sign: self.negative ? .minus : .plus, exponent: scale, significand: significand)
    }
}
