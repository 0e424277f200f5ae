import Foundation
import Logging
import PostgresNIO
import S2VCore

/// Budgets in PostgreSQL. Enforcement is not here: the ledger's budget trigger applies every hold, charge,
/// capture and release to the budgets it falls under, in the transaction that writes it.
public struct BudgetRepository: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// Creates a budget, or changes the live one with the same scope, period and time zone.
    ///
    /// A new budget counts what the ledger already holds for its periods (so one added mid-month starts with
    /// the month's spend). The ledger is share-locked while a budget is created or changed, so no hold slips
    /// between the count and the moment the budget becomes visible to the trigger, and none is checked against
    /// a limit that is being lowered.
    ///
    /// - Parameter actor: who makes the change, for the admin change log (nil: the session's actor).
    /// - Returns: the budget and whether it was created (false: changed in place).
    public func set(
        _ specification: BudgetSpecification,
        actor: String? = nil,
        logger: Logger
    ) async throws -> (BudgetRecord, created: Bool) {
        do {
            return try await self.setOnce(specification, actor: actor, logger: logger)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            // Another `set` created the same budget a moment ago: change it instead.
            return try await self.setOnce(specification, actor: actor, logger: logger)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "55P03" {
            throw DomainError.unavailable(
                "The ledger is busy (a long transaction holds it); the budget was not set, please retry."
            )
        }
    }

    private func setOnce(
        _ specification: BudgetSpecification,
        actor: String?,
        logger: Logger
    ) async throws -> (BudgetRecord, created: Bool) {
        let (id, created) = try await self.client.withTransaction(logger: logger) { connection in
            try await AdminActor.set(actor, on: connection, logger: logger)
            try await Self.checkTimeZone(specification.timezone, on: connection, logger: logger)
            // Writers of ledger rows read budgets without locks: holding off new ledger rows until this commits
            // means none is checked against a limit or budget that is being changed, and a new budget counts
            // every row committed before it. Never wait long for a stuck writer: every instance would queue.
            try await connection.query("SET LOCAL lock_timeout = '5s'", logger: logger)
            try await connection.query("LOCK TABLE ledger_entries IN SHARE MODE", logger: logger)
            let (teamID, keyID) = try await Self.owner(of: specification.scope, on: connection, logger: logger)
            let thresholds = "{" + specification.alerts.percentages.map(\.exactString).joined(separator: ",") + "}"
            let scope = specification.scope.kind
            let (tagKey, tagValue): (String?, String?) =
                if case .tag(let key, let value, _) = specification.scope { (key, value) } else { (nil, nil) }
            let period = specification.period.rawValue
            let format = specification.webhookFormat.rawValue
            let updated = try await connection.query(
                """
                UPDATE budgets SET limit_amount = \(specification.limit), alert_thresholds = \(thresholds)::numeric[],
                    webhook_url = \(specification.webhookURL), webhook_format = \(format), updated_at = now()
                WHERE deleted_at IS NULL AND scope = \(scope) AND coalesce(team_id, 0) = coalesce(\(teamID)::bigint, 0)
                  AND coalesce(key_id, 0) = coalesce(\(keyID)::bigint, 0) AND period = \(period)
                  AND coalesce(tag_key, '') = coalesce(\(tagKey)::text, '')
                  AND coalesce(tag_value, '') = coalesce(\(tagValue)::text, '')
                  AND timezone = \(specification.timezone)
                RETURNING id
                """,
                logger: logger
            )
            for try await id in updated.decode(Int64.self) { return (id, false) }

            let currency = try await Self.priceBookCurrency(on: connection, logger: logger)
            let inserted = try await connection.query(
                """
                INSERT INTO budgets (scope, team_id, key_id, tag_key, tag_value, limit_amount, currency, period, timezone,
                                     alert_thresholds, webhook_url, webhook_format)
                VALUES (\(scope), \(teamID), \(keyID), \(tagKey), \(tagValue), \(specification.limit), \(currency),
                        \(period), \(specification.timezone), \(thresholds)::numeric[], \(specification.webhookURL),
                        \(format))
                RETURNING id
                """,
                logger: logger
            )
            var newID: Int64?
            for try await id in inserted.decode(Int64.self) { newID = id }
            guard let newID else { throw DomainError.invalid("The budget could not be created.") }
            try await connection.query(
                """
                INSERT INTO budget_usage (budget_id, period_start, spent, held)
                SELECT budget_id, period_start, spent, held FROM budget_usage_from_ledger WHERE budget_id = \(newID)
                """,
                logger: logger
            )
            return (newID, true)
        }
        guard let record = try await self.find(id: id, logger: logger) else {
            throw DomainError.invalid("Budget \(id) vanished while it was being set.")
        }
        return (record, created)
    }

    /// Live budgets, by id; with `teamID`, those of the team and its keys.
    public func list(teamID: Int64? = nil, logger: Logger) async throws -> [BudgetRecord] {
        try await self.records(id: nil, teamID: teamID, logger: logger)
    }

    /// A live budget by id.
    public func find(id: Int64, logger: Logger) async throws -> BudgetRecord? {
        try await self.records(id: id, teamID: nil, logger: logger).first
    }

    /// Deletes a budget: it stops counting and refusing at once. Its history (counters, alerts) stays.
    /// Returns false if there is no live budget with that id.
    public func delete(id: Int64, actor: String? = nil, logger: Logger) async throws -> Bool {
        try await self.client.withTransaction(logger: logger) { connection in
            try await AdminActor.set(actor, on: connection, logger: logger)
            let rows = try await connection.query(
                "UPDATE budgets SET deleted_at = now() WHERE id = \(id) AND deleted_at IS NULL RETURNING id",
                logger: logger
            )
            for try await _ in rows.decode(Int64.self) { return true }
            return false
        }
    }

    /// Each live budget's usage in the period containing `instant` (default: the database's now); with `id`,
    /// only that budget's.
    public func status(
        at instant: Date? = nil,
        id: Int64? = nil,
        teamID: Int64? = nil,
        logger: Logger
    ) async throws -> [BudgetStatus] {
        let budgets = try await self.records(id: id, teamID: teamID, logger: logger)
        guard !budgets.isEmpty else { return [] }
        let rows = try await self.client.query(
            """
            SELECT b.id, p.start, budget_period_end(b.period, b.timezone, p.start),
                   coalesce(u.spent, 0), coalesce(u.held, 0), p.at
            FROM budgets b
            CROSS JOIN LATERAL (SELECT coalesce(\(instant)::timestamptz, now()) AS at) i
            CROSS JOIN LATERAL (SELECT budget_period_start(b.period, b.timezone, i.at) AS start, i.at) p
            LEFT JOIN budget_usage u ON u.budget_id = b.id AND u.period_start = p.start
            WHERE b.deleted_at IS NULL AND b.id = ANY(\(budgets.map(\.id)))
            """,
            logger: logger
        )
        var usage: [Int64: (Date, Date?, Decimal, Decimal, Date)] = [:]
        for try await (id, start, end, spent, held, at) in rows.decode(
            (Int64, Date, Date?, Decimal, Decimal, Date).self
        ) {
            usage[id] = (start, end, spent, held, at)
        }
        return budgets.compactMap { budget in
            guard let (start, end, spent, held, at) = usage[budget.id] else { return nil }
            return BudgetStatus(budget: budget, periodStart: start, periodEnd: end, spent: spent, held: held, asOf: at)
        }
    }

    /// Live budgets, optionally only one by id or those of one team (its team and key budgets).
    private func records(id: Int64?, teamID: Int64?, logger: Logger) async throws -> [BudgetRecord] {
        let rows = try await self.client.query(
            """
            SELECT b.id, b.scope, b.team_id, t.name, b.key_id, b.limit_amount, b.currency, b.period, b.timezone,
                   array_to_string(b.alert_thresholds, ','), b.webhook_url, b.webhook_format, b.created_at, b.updated_at,
                   b.tag_key, b.tag_value
            FROM budgets b LEFT JOIN teams t ON t.id = b.team_id
            WHERE b.deleted_at IS NULL AND (\(id)::bigint IS NULL OR b.id = \(id))
              AND (\(teamID)::bigint IS NULL OR b.team_id = \(teamID))
            ORDER BY b.id
            """,
            logger: logger
        )
        var budgets: [BudgetRecord] = []
        for try await (
            id, scope, teamID, teamName, keyID, limit, currency, period, timezone, thresholds, webhook, format,
            createdAt, updatedAt, tagKey, tagValue
        )
            in rows.decode(
                (
                    Int64, String, Int64?, String?, Int64?, Decimal, String, String, String, String, String?,
                    String, Date, Date, String?, String?
                ).self
            )
        {
            let budgetScope: BudgetScope =
                switch scope {
                case "team": .team(id: teamID ?? 0)
                case "key": .key(id: keyID ?? 0)
                case "tag": .tag(key: tagKey ?? "", value: tagValue ?? "", teamID: teamID)
                default: .global
                }
            budgets.append(
                BudgetRecord(
                    id: id,
                    scope: budgetScope,
                    teamName: teamName,
                    limit: limit,
                    currency: currency,
                    period: try BudgetPeriod.parse(period),
                    timezone: timezone,
                    alerts: try AlertThresholds.parse(thresholds),
                    webhookURL: webhook,
                    webhookFormat: try WebhookFormat.parse(format),
                    createdAt: createdAt,
                    updatedAt: updatedAt
                )
            )
        }
        return budgets
    }

    /// Refuses a time zone that is not a canonical IANA name (``BudgetSpecification/isCanonicalTimeZoneName(_:)``)
    /// or that PostgreSQL does not know, which would otherwise fail every admission.
    private static func checkTimeZone(_ zone: String, on connection: PostgresConnection, logger: Logger) async throws {
        guard BudgetSpecification.isCanonicalTimeZoneName(zone) else { throw BudgetSpecification.unknownTimeZone(zone) }
        let rows = try await connection.query(
            "SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = \(zone))",
            logger: logger
        )
        for try await known in rows.decode(Bool.self) where known { return }
        throw BudgetSpecification.unknownTimeZone(zone)
    }

    /// The team and key a scope names; a key budget names the key's team too. Admin keys make no calls, so
    /// they cannot have budgets.
    private static func owner(
        of scope: BudgetScope,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> (teamID: Int64?, keyID: Int64?) {
        switch scope {
        case .global:
            return (nil, nil)
        case .team(let id):
            let rows = try await connection.query("SELECT id FROM teams WHERE id = \(id)", logger: logger)
            for try await teamID in rows.decode(Int64.self) { return (teamID, nil) }
            throw DomainError.invalid("There is no team with id \(id).")
        case .key(let id):
            let rows = try await connection.query("SELECT team_id FROM api_keys WHERE id = \(id)", logger: logger)
            for try await teamID in rows.decode(Int64?.self) {
                guard let teamID else {
                    throw DomainError.invalid("Key \(id) is an admin key; admin keys make no metered calls.")
                }
                return (teamID, id)
            }
            throw DomainError.invalid("There is no key with id \(id).")
        case .tag(let key, let value, let teamID):
            _ = try CostTags.pair("\(key)=\(value)")
            guard let teamID else { return (nil, nil) }
            let rows = try await connection.query("SELECT id FROM teams WHERE id = \(teamID)", logger: logger)
            for try await id in rows.decode(Int64.self) { return (id, nil) }
            throw DomainError.invalid("There is no team with id \(teamID).")
        }
    }

    /// The currency of the price book, which every budget is kept in.
    private static func priceBookCurrency(on connection: PostgresConnection, logger: Logger) async throws -> String {
        let rows = try await connection.query(
            "SELECT currency FROM prices GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1",
            logger: logger
        )
        for try await currency in rows.decode(String.self) { return currency }
        return "USD"
    }
}
