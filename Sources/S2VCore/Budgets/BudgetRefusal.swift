import Foundation

/// Why a budget refused a hold or charge, as the database reported it (SQLSTATE S2VB1, detail in JSON).
public struct BudgetRefusal: Sendable, Equatable, Decodable {
    public var budgetID: Int64
    public var scope: String
    public var teamID: Int64?
    public var keyID: Int64?
    /// The tag a tag budget counts.
    public var tagKey: String?
    public var tagValue: String?
    public var period: BudgetPeriod
    public var timezone: String
    public var currency: String
    /// The period's first instant, in the budget's zone, as `YYYY-MM-DDTHH:MM:SS`.
    public var periodStart: String
    /// The next period's first instant in the budget's zone; nil for a lifetime budget.
    public var periodEnd: String?
    /// The period's first instant as PostgreSQL printed the `timestamptz`.
    public var periodStartInstant: String
    public var limit: Decimal
    /// Spent + held before this call.
    public var used: Decimal
    /// What this call needed: its hold or charge.
    public var requested: Decimal

    enum CodingKeys: String, CodingKey {
        case budgetID = "budget_id"
        case scope
        case teamID = "team_id"
        case keyID = "key_id"
        case tagKey = "tag_key"
        case tagValue = "tag_value"
        case period, timezone, currency
        case periodStart = "period_start"
        case periodEnd = "period_end"
        case periodStartInstant = "period_start_instant"
        case limit, used, requested
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.budgetID = try container.decode(Int64.self, forKey: .budgetID)
        self.scope = try container.decode(String.self, forKey: .scope)
        self.teamID = try container.decodeIfPresent(Int64.self, forKey: .teamID)
        self.keyID = try container.decodeIfPresent(Int64.self, forKey: .keyID)
        self.tagKey = try container.decodeIfPresent(String.self, forKey: .tagKey)
        self.tagValue = try container.decodeIfPresent(String.self, forKey: .tagValue)
        self.period = try container.decode(BudgetPeriod.self, forKey: .period)
        self.timezone = try container.decode(String.self, forKey: .timezone)
        self.currency = try container.decode(String.self, forKey: .currency)
        self.periodStart = try container.decode(String.self, forKey: .periodStart)
        self.periodEnd = try container.decodeIfPresent(String.self, forKey: .periodEnd)
        self.periodStartInstant = try container.decode(String.self, forKey: .periodStartInstant)
        func amount(_ key: CodingKeys) throws -> Decimal {
            let text = try container.decode(String.self, forKey: key)
            guard let value = Decimal(exactly: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key,
                    in: container,
                    debugDescription: "not a decimal: \(text)"
                )
            }
            return value
        }
        self.limit = try amount(.limit)
        self.used = try amount(.used)
        self.requested = try amount(.requested)
    }

    /// Decodes the JSON detail the budget trigger raises.
    public static func decode(detail: String) throws -> BudgetRefusal {
        try JSONDecoder().decode(BudgetRefusal.self, from: Data(detail.utf8))
    }

    /// What is left of the budget this period, never negative.
    public var remaining: Decimal { max(self.limit - self.used, 0) }

    /// The message the caller gets. It names the budget and what remains of it; for a gateway-wide budget, whose
    /// figures include other teams' spend, it names the budget only.
    public func message(teamName: String?) -> String {
        let window =
            self.period == .lifetime
            ? "lifetime"
            : "\(self.period.rawValue) from \(Self.display(self.periodStart)) \(self.timezone)"
        let renewal =
            self.periodEnd.map { " It renews at \(Self.display($0)) \(self.timezone)." } ?? " It does not renew."
        let needs = "this call needs up to \(self.requested.exactString) \(self.currency)"
        switch self.scope {
        case "global":
            return
                "The gateway-wide budget \(self.budgetID) (\(window)) has no room left for this call; \(needs).\(renewal)"
        case "tag":
            let tag = "\(self.tagKey ?? "?")=\(self.tagValue ?? "?")"
            // A gateway-wide tag budget counts other teams' spend too: name it, do not show its figures.
            guard self.teamID != nil else {
                return
                    "The gateway-wide budget \(self.budgetID) of tag \(tag) (\(window)) has no room left for this call; \(needs).\(renewal)"
            }
            return
                "Budget \(self.budgetID) of tag \(tag) within team \(teamName ?? self.teamID.map(String.init) ?? "?") (\(window)) would be exceeded: "
                + "\(self.remaining.exactString) of \(self.limit.exactString) \(self.currency) remains and \(needs).\(renewal)"
        case "key":
            return
                "Budget \(self.budgetID) of key \(self.keyID.map(String.init) ?? "?") (\(window)) would be exceeded: "
                + "\(self.remaining.exactString) of \(self.limit.exactString) \(self.currency) remains and \(needs).\(renewal)"
        default:
            return
                "Budget \(self.budgetID) of team \(teamName ?? self.teamID.map(String.init) ?? "?") (\(window)) would be exceeded: "
                + "\(self.remaining.exactString) of \(self.limit.exactString) \(self.currency) remains and \(needs).\(renewal)"
        }
    }

    /// `2026-11-01T00:00:00` → `2026-11-01 00:00`.
    private static func display(_ local: String) -> String {
        String(local.replacingOccurrences(of: "T", with: " ").prefix(16))
    }
}
