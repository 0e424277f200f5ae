import Foundation
import Logging
import PostgresNIO
import S2VCore

/// The model catalog (`models`): the family's models as data. `models set` adds or changes a model of a known
/// shape, and every change is in the audit trail (`admin_changes`, object `model`).
public struct ModelCatalog: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// The model named `name`, or nil when the catalog has none.
    public func spec(named name: String, logger: Logger) async throws -> ModelSpec? {
        let rows = try await self.client.query(
            "SELECT \(unescaped: ModelSpec.columnList) FROM models WHERE model = \(name)",
            logger: logger
        )
        for try await row in rows.decode(ModelSpec.Row.self) { return ModelSpec(row) }
        return nil
    }

    /// Every model, by name.
    public func specs(logger: Logger) async throws -> [ModelSpec] {
        let rows = try await self.client.query(
            "SELECT \(unescaped: ModelSpec.columnList) FROM models ORDER BY model",
            logger: logger
        )
        var specs: [ModelSpec] = []
        for try await row in rows.decode(ModelSpec.Row.self) {
            if let spec = ModelSpec(row) { specs.append(spec) }
        }
        return specs
    }

    /// Each model's upstream limits, the defaults every account starts from.
    public func limits(logger: Logger) async throws -> [String: ModelLimits] {
        Dictionary(try await self.specs(logger: logger).map { ($0.name, $0.limits) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every model with the prices in force now.
    public func entries(logger: Logger) async throws -> [CatalogEntry] {
        let specs = try await self.specs(logger: logger)
        let prices = try await PriceRepository(client: self.client).list(includeHistory: false, logger: logger)
        return specs.map { spec in CatalogEntry(spec: spec, prices: prices.filter { $0.model == spec.name }) }
    }

    /// Adds `spec`, or changes the model of that name. The kind of a model that has been called stays: its
    /// prices and ledger rows are per image or per second.
    @discardableResult
    ///
    /// - Parameter actor: who makes the change, for the audit trail; nil for the CLI, whose session names it.
    public func set(_ spec: ModelSpec, actor: String?, logger: Logger) async throws -> ModelSpec {
        try Self.check(spec)
        return try await self.client.withTransaction(logger: logger) { connection in
            try await AdminActor.set(actor, on: connection, logger: logger)
            let existing = try await connection.query(
                "SELECT kind FROM models WHERE model = \(spec.name) FOR UPDATE",
                logger: logger
            )
            for try await kind in existing.decode(String.self) where kind != spec.kind.rawValue {
                throw DomainError.invalid("\(spec.name) is a \(kind) model; its kind cannot change.")
            }
            let (inputs, parameters) = (ModelSpec.rulesText(spec.inputs), ModelSpec.rulesText(spec.parameters))
            let rows = try await connection.query(
                """
                INSERT INTO models (model, kind, endpoint, inputs, parameters, tier_source, tier_field, default_tier,
                                    billed_usage_fields, reported_tier_field, max_billable_seconds, verdict_field,
                                    submissions_per_second, max_concurrent_tasks)
                VALUES (\(spec.name), \(spec.kind.rawValue), \(spec.endpoint), \(inputs)::jsonb, \(parameters)::jsonb,
                        \(spec.tierSource.source), \(spec.tierSource.field), \(spec.tierSource.defaultTier),
                        \(spec.billedUsageFields), \(spec.reportedTierField), \(spec.maxBillableSeconds),
                        \(spec.verdictField), \(spec.limits.submissionsPerSecond), \(spec.limits.maxConcurrentTasks))
                ON CONFLICT (model) DO UPDATE SET endpoint = excluded.endpoint, inputs = excluded.inputs,
                    parameters = excluded.parameters, tier_source = excluded.tier_source,
                    tier_field = excluded.tier_field, default_tier = excluded.default_tier,
                    billed_usage_fields = excluded.billed_usage_fields,
                    reported_tier_field = excluded.reported_tier_field,
                    max_billable_seconds = excluded.max_billable_seconds, verdict_field = excluded.verdict_field,
                    submissions_per_second = excluded.submissions_per_second,
                    max_concurrent_tasks = excluded.max_concurrent_tasks, updated_at = now()
                RETURNING \(unescaped: ModelSpec.columnList)
                """,
                logger: logger
            )
            for try await row in rows.decode(ModelSpec.Row.self) {
                if let stored = ModelSpec(row) { return stored }
            }
            throw DomainError.invalid("The model could not be recorded.")
        }
    }

    /// The shape rules the table's constraints also hold, as messages a person can act on.
    static func check(_ spec: ModelSpec) throws {
        guard spec.name.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9._-]{0,63}/) != nil else {
            throw DomainError.invalid("Model names are 1-64 letters, digits, '.', '_' or '-'.")
        }
        guard spec.endpoint == ModelSpec.endpoint(of: spec.kind) else {
            throw DomainError.invalid(
                "A \(spec.kind.rawValue) model's endpoint is \(ModelSpec.endpoint(of: spec.kind))."
            )
        }
        guard (1...1_000).contains(spec.limits.submissionsPerSecond) else {
            throw DomainError.invalid("Submissions per second must be between 1 and 1000.")
        }
        switch spec.kind {
        case .generation:
            guard let seconds = spec.maxBillableSeconds, seconds > 0, seconds <= 86_400 else {
                throw DomainError.invalid("A generation model needs its maximum billable seconds (1 to 86400).")
            }
            guard let tasks = spec.limits.maxConcurrentTasks, (1...1_000).contains(tasks) else {
                throw DomainError.invalid("A generation model needs its concurrent tasks (1 to 1000).")
            }
            guard !spec.billedUsageFields.isEmpty else {
                throw DomainError.invalid("A generation model needs the usage fields it is billed by.")
            }
        case .detect:
            guard spec.verdictField != nil, spec.maxBillableSeconds == nil, spec.limits.maxConcurrentTasks == nil,
                spec.tierSource == .none
            else {
                throw DomainError.invalid("A detect model has a verdict field, no tiers, no seconds and no task slots.")
            }
        }
    }
}

extension ModelCatalog {
    /// Adds `name` shaped like the model `like`, or changes `name` (shaped like itself when `like` is nil), with
    /// `changes`. Returns the model as stored.
    @discardableResult
    public func set(
        name: String,
        like: String?,
        changes: ModelChanges,
        actor: String?,
        logger: Logger
    ) async throws -> ModelSpec {
        let baseName = like ?? name
        guard let base = try await self.spec(named: baseName, logger: logger) else {
            if like == nil {
                throw DomainError.invalid("No model named '\(name)': give --like MODEL, a model of the same shape.")
            }
            throw DomainError.invalid("No model named '\(baseName)' to copy the shape of.")
        }
        return try await self.set(try base.adapted(as: name, changes), actor: actor, logger: logger)
    }
}
