import Foundation
import S2VCore

/// The body of `POST /v1/budgets`, with the same fields as `s2v-meter budgets set`.
///
/// `{"scope": "team", "team": "acme", "limit": "500", "period": "month", "timezone": "Asia/Shanghai",
///   "alert_thresholds": [50, 80, 100], "webhook_url": "https://…", "webhook_format": "json"}`
struct BudgetRequestBody: Decodable {
    var scope: String
    var team: String?
    var keyID: Int64?
    /// A JSON string or number, read exactly.
    var limit: JSONValue
    var period: String
    var timezone: String?
    var alertThresholds: [JSONValue]?
    var webhookURL: String?
    var webhookFormat: String?

    enum CodingKeys: String, CodingKey {
        case scope, team, keyID = "key_id", limit, period, timezone, alertThresholds = "alert_thresholds"
        case webhookURL = "webhook_url", webhookFormat = "webhook_format"
    }

    static func parse(_ data: Data) throws(ServiceError) -> BudgetRequestBody {
        do {
            return try JSONDecoder().decode(BudgetRequestBody.self, from: data)
        } catch {
            throw .invalidParameter("""
                The body must be JSON with scope (global, team or key), team or key_id, limit, period and optionally \
                timezone, alert_thresholds, webhook_url and webhook_format.
                """)
        }
    }

    var limitAmount: Decimal? {
        switch self.limit {
        case .number(let value): value
        case .string(let text): Decimal(exactly: text)
        default: nil
        }
    }

    var thresholds: AlertThresholds {
        get throws(ServiceError) {
            guard let values = self.alertThresholds else { return .standard }
            var percentages: [Decimal] = []
            for value in values {
                switch value {
                case .number(let number): percentages.append(number)
                case .string(let text):
                    guard let number = Decimal(exactly: text) else { throw .invalidParameter("alert_thresholds must be numbers.") }
                    percentages.append(number)
                default: throw .invalidParameter("alert_thresholds must be numbers.")
                }
            }
            return try AlertThresholds(percentages)
        }
    }
}
