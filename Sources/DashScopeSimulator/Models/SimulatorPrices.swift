import Foundation

/// The simulator's own price list (USD, Beijing region), used for its bill.
///
/// Written from the upstream documentation and deliberately not shared with the gateway, so the
/// two bills can be compared. The rule: a USD figure the upstream doc gives is used as written; a model for which
/// it gives none has an *assumed* price, named so.
public enum SimulatorPrices {
    /// Currency of every amount.
    public static let currency = "USD"
    /// `wan2.2-s2v-detect`, per image.
    public static let detectPerImage = Decimal(string: "0.000574")!
    /// `wan2.2-s2v` at 480P, per second.
    public static let video480PPerSecond = Decimal(string: "0.071677")!
    /// `wan2.2-s2v` at 720P, per second.
    public static let video720PPerSecond = Decimal(string: "0.129018")!
    /// `emo-detect-v1`, per image. Published in CNY (0.004, as `wan2.2-s2v-detect`); the doc's USD column gives
    /// ≈$0.000574, unverified, which is used as written.
    public static let emoDetectPerImage = Decimal(string: "0.000574")!
    /// `emo-v1` at ratio 1:1, per second. Published in CNY only (0.08); the doc's USD column gives only ≈$0.0115.
    /// Derived at 0.143354 USD per CNY, the ratio of `wan2.2-s2v` 480P's two published prices (0.071677 / 0.5):
    /// 0.01146832, shown at the 6 decimals alibabacloud.com uses for USD per-second prices.
    public static let emoOneByOnePerSecond = Decimal(string: "0.011469")!
    /// `emo-v1` at ratio 3:4, per second. Published in CNY only (0.16): 0.02293664 at the same ratio, shown at
    /// 6 decimals.
    public static let emoThreeByFourPerSecond = Decimal(string: "0.022937")!
    /// `liveportrait-detect`, per image: **assumed**. Unpublished; a third-party reseller quotes CNY 0.004, the CNY
    /// price of the other two detects, so the simulator charges their USD price.
    public static let livePortraitDetectAssumedPerImage = Decimal(string: "0.000574")!
    /// `liveportrait`, per second: **assumed**. Unpublished; a third-party reseller quotes CNY 0.02, converted at
    /// 0.143354 USD per CNY, the ratio of `wan2.2-s2v` 480P's two published prices (0.071677 / 0.5), exactly.
    public static let livePortraitAssumedPerSecond = Decimal(string: "0.00286708")!
    /// `videoretalk`, per second: $0.011469, from alibabacloud.com's VideoRetalk page (doc §12).
    public static let videoRetalkPerSecond = Decimal(string: "0.011469")!
}
