import Foundation

/// What a task's settlement writes, computed from its outcome and its hold: the rule of what is captured or
/// released. The store writes it as one ledger row and one change to the daily rollup.
public struct Settlement: Sendable, Equatable {
    /// Capture or release.
    public var kind: LedgerEntryKind
    /// Seconds billed (0 for a release).
    public var quantity: Decimal
    public var amount: Decimal
    /// Whether a person should look at it: the amount is the conservative upper bound, not the upstream's bill.
    public var needsReview: Bool
    public var usageDelta: UsageDelta

    /// - Parameters:
    ///   - hold: what admission held, `maxSeconds` × `unitPrice`; nothing is ever captured beyond it.
    ///   - maxSeconds: the model's longest billable video.
    public init(outcome: TaskOutcome, unitPrice: Decimal, hold: Decimal, maxSeconds: Decimal) {
        switch outcome {
        case .succeeded(let duration?, _, _) where duration >= 0 && duration * unitPrice <= hold:
            // Exactly as the upstream bills: seconds × unit price, no rounding.
            self.init(
                kind: .capture,
                quantity: duration,
                amount: duration * unitPrice,
                needsReview: false,
                usageDelta: UsageDelta(seconds: duration, tasksSucceeded: 1, cost: duration * unitPrice)
            )
        case .succeeded:
            // No usable duration: charge the upper bound rather than nothing, and have a person look.
            self.init(
                kind: .capture,
                quantity: maxSeconds,
                amount: hold,
                needsReview: true,
                usageDelta: UsageDelta(seconds: maxSeconds, tasksSucceeded: 1, cost: hold)
            )
        case .forgotten, .unresolvedSubmission:
            self.init(
                kind: .capture,
                quantity: maxSeconds,
                amount: hold,
                needsReview: true,
                usageDelta: UsageDelta(seconds: maxSeconds, cost: hold)
            )
        case .failed:
            self.init(
                kind: .release,
                quantity: 0,
                amount: 0,
                needsReview: false,
                usageDelta: UsageDelta(tasksFailed: 1)
            )
        case .canceled:
            self.init(kind: .release, quantity: 0, amount: 0, needsReview: false, usageDelta: UsageDelta())
        }
    }

    public init(kind: LedgerEntryKind, quantity: Decimal, amount: Decimal, needsReview: Bool, usageDelta: UsageDelta) {
        self.kind = kind
        self.quantity = quantity
        self.amount = amount
        self.needsReview = needsReview
        self.usageDelta = usageDelta
    }
}
