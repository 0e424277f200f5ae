import Foundation

extension Date {
    /// `2026-11-30 02:55:18`, in UTC, for display.
    var utcText: String {
        self.ISO8601Format().replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
    }
}
