import Foundation

/// Turns exact amounts into Prometheus sample values, which are floats.
///
/// Only for the exposition: money stays `Decimal` everywhere else. Going through the decimal text keeps the
/// conversion correctly rounded, so an amount with up to 15 significant digits prints back exactly.
enum PrometheusSample {
    static func value(_ amount: Decimal) -> Double {
        Double(amount.description) ?? .nan
    }
}
