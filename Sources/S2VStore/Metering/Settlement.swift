import Foundation

/// What a settlement writes, computed from the outcome and the task's hold.
struct Settlement {
    var kind: String
    var quantity: Decimal
    var amount: Decimal
    var needsReview: Bool
    var usageDelta: UsageDelta

    init(outcome: TaskOutcome, unitPrice: Decimal, hold: Decimal, maxSeconds: Decimal) {
        switch outcome {
        case .succeeded(let duration?, _, _) where duration >= 0 && duration * unitPrice <= hold:
            // Exactly as the upstream bills: seconds × unit price, no rounding.
            self.init(
                kind: "capture",
                quantity: duration,
                amount: duration * unitPrice,
                needsReview: false,
                usageDelta: UsageDelta(seconds: duration, tasksSucceeded: 1, cost: duration * unitPrice)
            )
        case .succeeded:
            // No usable duration: charge the upper bound rather than nothing, and have a person look.
            self.init(
                kind: "capture",
                quantity: maxSeconds,
                amount: hold,
                needsReview: true,
                usageDelta: UsageDelta(seconds: maxSeconds, tasksSucceeded: 1, cost: hold)
            )
        case .forgotten, .unresolvedSubmission:
            self.init(
                kind: "capture",
                quantity: maxSeconds,
                amount: hold,
                needsReview: true,
                usageDelta: UsageDelta(seconds: maxSeconds, cost: hold)
            )
        case .failed:
            self.init(
                kind: "release",
                quantity: 0,
                amount: 0,
                needsReview: false,
                usageDelta: UsageDelta(tasksFailed: 1)
            )
        case .canceled:
            self.init(kind: "release", quantity: 0, amount: 0, needsReview: false, usageDelta: UsageDelta())
        }
    }

    init(kind: String, quantity: Decimal, amount: Decimal, needsReview: Bool, usageDelta: UsageDelta) {
        self.kind = kind
        self.quantity = quantity
        self.amount = amount
        self.needsReview = needsReview
        self.usageDelta = usageDelta
    }
}
