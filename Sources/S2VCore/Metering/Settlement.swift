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
    /// Whether a person should look at it: the amount is the conservative upper bound, not the upstream's bill.
    public var needsReview: Bool

    /// A generation task's settlement.
    ///
    /// - Parameters:
    ///   - hold: what admission held, `maxSeconds` × `unitPrice`; nothing is ever captured beyond it.
    ///   - maxSeconds: the model's longest billable video.
    public init(outcome: TaskOutcome, unitPrice: Decimal, hold: Decimal, maxSeconds: Decimal) {
        switch outcome {
        case .succeeded(let duration?, _, _) where duration >= 0 && duration * unitPrice <= hold:
            // Exactly as the upstream bills: seconds × unit price, no rounding.
            self.init(kind: .capture, quantity: duration, amount: duration * unitPrice, needsReview: false)
        case .succeeded, .forgotten, .unresolvedSubmission:
            // No usable duration, or no answer at all: charge the upper bound rather than nothing, and have a
            // person look.
            self.init(kind: .capture, quantity: maxSeconds, amount: hold, needsReview: true)
        case .failed, .canceled:
            self.init(kind: .release, quantity: 0, amount: 0, needsReview: false)
        }
    }

    /// A face-detect call's settlement. A call checks one image and holds that image's price, `hold`; the
    /// upstream bills one image for every check that ran, also when it found no face.
    public init(detect outcome: DetectOutcome, hold: Decimal) {
        switch outcome {
        case .checked: self.init(kind: .capture, quantity: 1, amount: hold, needsReview: false)
        case .unanswered: self.init(kind: .capture, quantity: 1, amount: hold, needsReview: true)
        case .refused: self.init(kind: .release, quantity: 0, amount: 0, needsReview: false)
        }
    }

    public init(kind: LedgerEntryKind, quantity: Decimal, amount: Decimal, needsReview: Bool) {
        self.kind = kind
        self.quantity = quantity
        self.amount = amount
        self.needsReview = needsReview
    }
}
