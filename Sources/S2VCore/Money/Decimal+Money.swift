import Foundation

extension Decimal {
    /// The exact value in plain notation ("0.73325571"), for JSON strings, CSV and SQL; never rounded.
    public var exactString: String {
        var value = self
        var normalized = Decimal()
        NSDecimalCopy(&normalized, &value)
        return normalized.description
    }

    /// The value rounded half-even to `scale` decimals, for display only.
    public func rounded(scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .bankers)
        return result
    }

    /// Parses a plain decimal ("10.23", "-1", "0.000574"); nil for anything else, including exponents and
    /// locale-specific separators, so no input is ever misread.
    public init?(exactly text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let pattern = /^-?[0-9]+(\.[0-9]+)?$/
        // Decimal keeps 38 significant digits; refuse more rather than round silently.
        guard trimmed.wholeMatch(of: pattern) != nil, trimmed.filter(\.isNumber).drop(while: { $0 == "0" }).count <= 38,
            let value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
        else {
            return nil
        }
        self = value
    }
}
