import Foundation

/// The percentages of a budget's limit at which an alert is sent (default 50, 80 and 100).
public struct AlertThresholds: Sendable, Equatable {
    public static let standard = AlertThresholds(percentages: [50, 80, 100])

    /// Ascending, without duplicates, each in (0, 1000].
    public let percentages: [Decimal]

    private init(percentages: [Decimal]) {
        self.percentages = percentages
    }

    /// Validates a list of percentages; an empty list means no alerts.
    public init(_ percentages: [Decimal]) throws(DomainError) {
        for value in percentages where value <= 0 || value > 1000 {
            throw .invalid(
                "alert thresholds are percentages of the limit between 0 (exclusive) and 1000; got \(value.exactString)."
            )
        }
        self.percentages = Array(Set(percentages)).sorted()
    }

    /// Parses a comma-separated list such as `50,80,100` (or `none`).
    public static func parse(_ text: String) throws(DomainError) -> AlertThresholds {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.lowercased() == "none" { return try AlertThresholds([]) }
        var values: [Decimal] = []
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
            guard let value = Decimal(exactly: item) else {
                throw .invalid(
                    "alert thresholds must be comma-separated percentages such as 50,80,100; got '\(text)'."
                )
            }
            values.append(value)
        }
        return try AlertThresholds(values)
    }
}
