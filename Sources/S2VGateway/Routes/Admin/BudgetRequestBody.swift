import Foundation
import Hummingbird
import S2VCore

/// The body of `POST /v1/budgets`, with the same fields as `s2v-meter budgets set`, read from the strict document.
///
/// `{"scope": "team", "team": "acme", "limit": "500", "period": "month", "timezone": "Asia/Shanghai",
///   "alert_thresholds": [50, 80, 100], "webhook_url": "https://…", "webhook_format": "json"}`; a tag budget is
/// `{"scope": "tag", "tag": "project=launch", "team": "acme", …}`, `team` optional.
struct BudgetRequestBody {
    var scope: String
    var team: String?
    var keyID: Int64?
    /// `key=value`, for a tag budget.
    var tag: String?
    /// A JSON string or number, read exactly.
    var limit: JSONValue
    var period: String
    var timezone: String?
    var alertThresholds: [JSONValue]?
    var webhookURL: String?
    var webhookFormat: String?

    /// What the body must hold, for refusals.
    static let shape = """
        The body must be JSON with scope (global, team, key or tag), team, key_id or tag (and optionally team), \
        limit, period and optionally \
        timezone, alert_thresholds, webhook_url and webhook_format.
        """

    /// Reads the body of `request` with the strict reader; a refusal says what the reader found and what the body
    /// must hold.
    static func read(_ request: Request, context: GatewayRequestContext) async throws -> BudgetRequestBody {
        do {
            return try Self.parse(try await request.jsonDocument(context: context))
        } catch let error as ServiceError where error.status == 400 {
            throw ServiceError.invalidParameter(Self.shape + " " + error.message)
        }
    }

    static func parse(_ document: RequestDocument) throws(ServiceError) -> BudgetRequestBody {
        let root = try document.value.requireObject()
        guard let scope = try root.string("scope", at: "scope"), let limit = root["limit"],
            let period = try root.string("period", at: "period")
        else {
            throw .invalidParameter("scope, limit and period are required.")
        }
        return BudgetRequestBody(
            scope: scope,
            team: try root.string("team", at: "team"),
            keyID: try root.integer("key_id", at: "key_id"),
            tag: try root.string("tag", at: "tag"),
            limit: limit,
            period: period,
            timezone: try root.string("timezone", at: "timezone"),
            alertThresholds: try root.array("alert_thresholds", at: "alert_thresholds"),
            webhookURL: try root.string("webhook_url", at: "webhook_url"),
            webhookFormat: try root.string("webhook_format", at: "webhook_format")
        )
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
                    guard let number = Decimal(exactly: text) else {
                        throw .invalidParameter("alert_thresholds must be numbers.")
                    }
                    percentages.append(number)
                default: throw .invalidParameter("alert_thresholds must be numbers.")
                }
            }
            do {
                return try AlertThresholds(percentages)
            } catch {
                throw ServiceError(error)
            }
        }
    }
}
