import Foundation

/// The simulator's own price list (USD, Beijing region), used for its bill.
///
/// Written from the upstream documentation and deliberately not shared with the gateway, so the
/// two bills can be compared.
public enum SimulatorPrices {
    /// Currency of every amount.
    public static let currency = "USD"
    /// `wan2.2-s2v-detect`, per image.
    public static let detectPerImage = Decimal(string: "0.000574")!
    /// `wan2.2-s2v` at 480P, per second.
    public static let video480PPerSecond = Decimal(string: "0.071677")!
    /// `wan2.2-s2v` at 720P, per second.
    public static let video720PPerSecond = Decimal(string: "0.129018")!
}
