import Foundation

/// What `models set` changes in a model of a known shape: the figures a new model of the family differs by. Its
/// rules, tier source and usage fields are those of the model it is like.
public struct ModelChanges: Sendable, Equatable {
    public var maxBillableSeconds: Decimal?
    public var submissionsPerSecond: Int?
    public var maxConcurrentTasks: Int?
    public var defaultTier: String?

    public init(
        maxBillableSeconds: Decimal? = nil,
        submissionsPerSecond: Int? = nil,
        maxConcurrentTasks: Int? = nil,
        defaultTier: String? = nil
    ) {
        self.maxBillableSeconds = maxBillableSeconds
        self.submissionsPerSecond = submissionsPerSecond
        self.maxConcurrentTasks = maxConcurrentTasks
        self.defaultTier = defaultTier
    }
}

extension ModelSpec {
    /// This model's shape under another name, with `changes`: how a new model of a known shape is made.
    public func adapted(as name: String, _ changes: ModelChanges) throws(DomainError) -> ModelSpec {
        var spec = self
        spec.name = name
        if let seconds = changes.maxBillableSeconds {
            guard spec.kind == .generation else {
                throw .invalid("\(self.name) is a detect model: it has no billable seconds.")
            }
            spec.maxBillableSeconds = seconds
        }
        if let perSecond = changes.submissionsPerSecond { spec.limits.submissionsPerSecond = perSecond }
        if let tasks = changes.maxConcurrentTasks {
            guard spec.kind == .generation else {
                throw .invalid("\(self.name) is a detect model: it has no task slots.")
            }
            spec.limits.maxConcurrentTasks = tasks
        }
        if let tier = changes.defaultTier {
            guard case .parameter(let field, _) = spec.tierSource else {
                throw .invalid("\(self.name) takes its tier from \(self.tierSource.origin), which has no default.")
            }
            spec.tierSource = .parameter(field: field, default: tier)
        }
        return spec
    }
}
