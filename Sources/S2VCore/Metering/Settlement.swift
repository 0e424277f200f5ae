import Foundation

/// What a settlement writes, computed from how the call or task ended and from its hold: the rule of what is
/// captured or released. The store writes it as one ledger row; the figures derived from the ledger (budget
/// counters, billing lines, daily usage) follow from that row in PostgreSQL.
public struct Settlement: Sendable, Equatable {
    /// Capture or release.
    public var kind: LedgerEntryKind
    /// Seconds or images billed (0 for a release).
    public var quantity: Decimal
    public var amount: Decimal
    /// Whether a person should look at it: the amount is a conservative upper bound, or the upstream billed
    /// another tier than the one admitted, or more than was held.
    public var needsReview: Bool
    /// The amount is the conservative upper bound (the hold), not the upstream's bill; the ledger marks it so.
    public var conservative: Bool

    /// A generation task's settlement: the upstream's bill, exactly, whenever it gives one.
    ///
    /// - Parameters:
    ///   - unitPrice: the price of the tier billed: the admitted tier's, or the tier the upstream reports.
    ///   - hold: what admission held, `maxSeconds` × the admitted tier's price.
    ///   - maxSeconds: the model's longest billable video.
    ///   - tierChanged: the upstream reports another tier than the one admitted.
    public init(outcome: TaskOutcome, unitPrice: Decimal, hold: Decimal, maxSeconds: Decimal, tierChanged: Bool = false)
    {
        switch outcome {
        case .succeeded(let billed, _, _) where (billed.seconds ?? -1) >= 0:
            // Exactly as the upstream bills: seconds × unit price, no rounding. Above the hold (another tier, or more
            // seconds than the model allows) it is charged in full, never trimmed, and a person looks.
            let seconds = billed.seconds ?? 0
            let amount = seconds * unitPrice
            self.init(
                kind: .capture,
                quantity: seconds,
                amount: amount,
                needsReview: tierChanged || amount > hold,
                conservative: false
            )
        case .succeeded, .forgotten, .unresolvedSubmission:
            // No usable duration, or no answer at all: charge the upper bound rather than nothing, and have a
            // person look.
            self.init(kind: .capture, quantity: maxSeconds, amount: hold, needsReview: true, conservative: true)
        case .failed, .canceled:
            self.init(kind: .release, quantity: 0, amount: 0, needsReview: false)
        }
    }

    /// A face-detect call's settlement. A call checks one image and holds that image's price, `hold`; the
    /// upstream bills one image for every check that ran, also when it found no face.
    public init(detect outcome: DetectOutcome, hold: Decimal) {
        switch outcome {
        case .checked: self.init(kind: .capture, quantity: 1, amount: hold, needsReview: false)
        case .unanswered: self.init(kind: .capture, quantity: 1, amount: hold, needsReview: true, conservative: true)
        case .refused: self.init(kind: .release, quantity: 0, amount: 0, needsReview: false)
        }
    }

    public init(kind: LedgerEntryKind, quantity: Decimal, amount: Decimal, needsReview: Bool, conservative: Bool? = nil)
    {
        self.kind = kind
        self.quantity = quantity
        self.amount = amount
        self.needsReview = needsReview
        self.conservative = conservative ?? needsReview
    }
}
