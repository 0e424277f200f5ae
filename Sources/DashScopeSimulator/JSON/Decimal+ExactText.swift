import Foundation

extension Decimal {
    /// Plain decimal text without exponent or binary rounding, e.g. `0.73325571`.
    var exactText: String {
        // Decimal's description is locale-independent and never uses exponent notation.
        self.description
    }
}
