import Foundation
import S2VCore
import Testing

/// The settlement rule: a task is charged exactly what the upstream bills, seconds × the billed tier's price, also
/// beyond its hold (flagged, never trimmed); without a usable duration it is charged its hold and flagged; a failed
/// or cancelled task is released.
/// A face-detect call is charged its one held image when it ran or may have run, and released when it did not.
@Suite struct SettlementTests {
    /// wan2.2-s2v at 480P: 20 s at most, held in full.
    static let price = Decimal(string: "0.071677")!
    static let maxSeconds = Decimal(20)
    static let hold = Decimal(string: "1.43354")!

    static func settle(_ outcome: TaskOutcome) -> Settlement {
        Settlement(outcome: outcome, unitPrice: Self.price, hold: Self.hold, maxSeconds: Self.maxSeconds)
    }

    @Test func aSucceededTaskIsChargedItsSecondsTimesThePriceExactly() {
        let settlement = Self.settle(Self.billed(Decimal(string: "9.52")!))
        #expect(settlement.kind == .capture)
        #expect(settlement.quantity == Decimal(string: "9.52")!)
        #expect(settlement.amount == Decimal(string: "0.68236504")!)
        #expect(!settlement.needsReview)
    }

    static func billed(_ seconds: Decimal?, tier: String? = nil) -> TaskOutcome {
        .succeeded(billed: BilledUsage(seconds: seconds, reportedTier: tier), output: "{}", usage: nil)
    }

    @Test func aChargeBeyondTheHoldIsChargedInFullAndFlaggedNeverTrimmed() {
        let atTheLimit = Self.settle(Self.billed(Self.maxSeconds))
        #expect(atTheLimit.amount == Self.hold && !atTheLimit.needsReview)

        let beyond = Self.settle(Self.billed(Decimal(string: "20.01")!))
        #expect(beyond.kind == .capture)
        #expect(beyond.amount == Decimal(string: "1.43425677")!, "what the upstream bills, not the hold")
        #expect(beyond.quantity == Decimal(string: "20.01")!)
        #expect(beyond.needsReview)
        #expect(!beyond.conservative, "it is the upstream's bill, not an upper bound")
    }

    @Test func anotherTierThanAdmittedIsChargedAtItsPriceAndFlagged() {
        // emo-v1 admitted at 1:1 (60 s × 0.011469 held), billed by the upstream at 3:4 (0.022937 per second).
        let settlement = Settlement(
            outcome: Self.billed(Decimal(string: "12.5")!, tier: "3:4"),
            unitPrice: Decimal(string: "0.022937")!,
            hold: Decimal(string: "0.68814")!,
            maxSeconds: 60,
            tierChanged: true
        )
        #expect(settlement.kind == .capture)
        #expect(settlement.amount == Decimal(string: "0.2867125")!)
        #expect(settlement.needsReview && !settlement.conservative)
    }

    @Test(arguments: [nil, Decimal(-1)] as [Decimal?])
    func withoutAUsableDurationTheHoldIsChargedAndFlagged(duration: Decimal?) {
        let settlement = Self.settle(Self.billed(duration))
        #expect(settlement.kind == .capture)
        #expect(settlement.amount == Self.hold)
        #expect(settlement.needsReview)
        #expect(settlement.quantity == Self.maxSeconds)
    }

    @Test func aForgottenOrUnresolvedTaskIsChargedItsHoldAndFlaggedButDoesNotEndSucceeded() {
        for outcome in [TaskOutcome.forgotten, .unresolvedSubmission] {
            let settlement = Self.settle(outcome)
            #expect(settlement.kind == .capture)
            #expect(settlement.amount == Self.hold)
            #expect(settlement.needsReview)
            #expect(settlement.quantity == Self.maxSeconds)
            #expect(outcome.status == .unknown)
        }
    }

    @Test func aFailedOrCancelledTaskIsReleased() {
        let failed = Self.settle(.failed(output: "{}"))
        #expect(failed == Settlement(kind: .release, quantity: 0, amount: 0, needsReview: false))
        let canceled = Self.settle(.canceled(output: nil))
        #expect(canceled == Settlement(kind: .release, quantity: 0, amount: 0, needsReview: false))
        #expect(TaskOutcome.failed(output: "{}").status == .failed)
        #expect(TaskOutcome.canceled(output: nil).status == .canceled)
    }

    @Test func aDetectCallThatRanIsChargedItsHeldImage() {
        let imagePrice = Decimal(string: "0.000574")!
        let checked = Settlement(detect: .checked(upstreamRequestID: "r-1"), hold: imagePrice)
        #expect(checked == Settlement(kind: .capture, quantity: 1, amount: imagePrice, needsReview: false))
        #expect(DetectOutcome.checked(upstreamRequestID: nil).callState == .succeeded)
    }

    @Test func aDetectCallWithoutAnAnswerIsChargedConservativelyAndFlagged() {
        let imagePrice = Decimal(string: "0.000574")!
        let unanswered = Settlement(detect: .unanswered, hold: imagePrice)
        #expect(unanswered == Settlement(kind: .capture, quantity: 1, amount: imagePrice, needsReview: true))
        #expect(DetectOutcome.unanswered.callState == .resolved)
    }

    @Test func aRefusedOrUnsentDetectCallIsReleased() {
        let refused = DetectOutcome.refused(upstreamStatus: 400, errorCode: "InvalidParameter", upstreamRequestID: nil)
        let settlement = Settlement(detect: refused, hold: Decimal(string: "0.000574")!)
        #expect(settlement == Settlement(kind: .release, quantity: 0, amount: 0, needsReview: false))
        #expect(refused.callState == .failed)
    }

    @Test func unfinishedStatusesMapToTheirPhase() {
        #expect(TaskPhase(unfinished: .running) == .running)
        #expect(TaskPhase(unfinished: .pending) == .submitted)
        #expect(TaskStatus.allCases.filter(\.isUnfinished) == [.pending, .running])
    }
}
