import S2VCore

/// What one upstream account allows. DashScope counts submissions and running tasks per model (5 submissions per
/// second and one running task for most of the family): the catalog carries each model's figures, and an account
/// may override them, for all its models or for one (`account_model_limits`). The gateway keeps every instance,
/// together, inside these.
public struct AccountLimits: Sendable, Equatable, Codable {
    /// The account's own submissions per second for every model, over the catalog's; nil keeps each model's.
    public var submissionsPerSecond: Int?
    /// The account's own concurrent tasks for every generation model, over the catalog's; nil keeps each model's.
    public var maxInFlight: Int?
    /// Task queries per second (all models together).
    public var queriesPerSecond: Int
    /// The limits in force for each model of the catalog, resolved by ``resolved(catalog:overrides:)``.
    public var models: [String: ModelLimits]

    public init(
        submissionsPerSecond: Int? = nil,
        maxInFlight: Int? = nil,
        queriesPerSecond: Int = 20,
        models: [String: ModelLimits] = [:]
    ) {
        self.submissionsPerSecond = submissionsPerSecond
        self.maxInFlight = maxInFlight
        self.queriesPerSecond = queriesPerSecond
        self.models = models
    }

    /// The rule of which figure applies to a model: the account's override for that model, else the account's own
    /// figure for all models, else the catalog's.
    public func resolved(catalog: [String: ModelLimits], overrides: [String: ModelLimitOverride]) -> AccountLimits {
        var resolved = self
        resolved.models = catalog.reduce(into: [:]) { models, entry in
            let (model, defaults) = entry
            let override = overrides[model]
            models[model] = ModelLimits(
                submissionsPerSecond: override?.submissionsPerSecond ?? self.submissionsPerSecond
                    ?? defaults.submissionsPerSecond,
                maxConcurrentTasks: defaults.maxConcurrentTasks.map {
                    override?.maxConcurrentTasks ?? self.maxInFlight ?? $0
                }
            )
        }
        return resolved
    }

    /// The limits of `model`; DashScope's usual figures for a model the catalog did not have when resolved.
    public func limits(of model: String) -> ModelLimits {
        self.models[model]
            ?? ModelLimits(
                submissionsPerSecond: self.submissionsPerSecond ?? 5,
                maxConcurrentTasks: self.maxInFlight ?? 1
            )
    }

    /// The spacing of two task queries.
    public var querySpacing: Duration { ModelLimits.rateWindow / self.queriesPerSecond }

    /// Whether every figure is within what the database accepts (1 to 1,000).
    public var isValid: Bool {
        [self.submissionsPerSecond, self.maxInFlight, self.queriesPerSecond].allSatisfy {
            $0.map { (1...1_000).contains($0) } ?? true
        }
    }
}
