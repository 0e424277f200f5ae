import Foundation

extension Duration {
    /// The duration as fractional seconds, for date arithmetic.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = self.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) * 1e-18
    }
}
