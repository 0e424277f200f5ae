import S2VStore
import Testing

@testable import S2VGateway

/// PostgreSQL answers a reservation with the wait from its own clock reading to the slot, and the gateway cannot
/// know when, between asking and getting the answer, that reading was taken. A call must never leave before its
/// slot, and never late by more than the tolerance however slow the answer was: a slow commit must not shift a
/// call into the slots after its own, where it would crowd the account past the upstream's limit.
@Suite struct ReservedSlotTests {
    let tolerance = UpstreamPacing.lateTolerance

    @Test func aCallLeavesNoSoonerThanTheSlotCountedFromTheAnswer() {
        let sentAt = ContinuousClock.now
        let answeredAt = sentAt + .milliseconds(40)
        let slot = ReservedSlot(wait: .milliseconds(250), sentAt: sentAt, answeredAt: answeredAt)
        #expect(slot.earliest == answeredAt + .milliseconds(250))
    }

    @Test func aPromptAnswerLeavesOnTime() {
        let sentAt = ContinuousClock.now
        let slot = ReservedSlot(wait: .milliseconds(250), sentAt: sentAt, answeredAt: sentAt + .milliseconds(5))
        #expect(!slot.isMissed(at: slot.earliest, tolerance: self.tolerance))
        #expect(!slot.isMissed(at: slot.earliest + .milliseconds(100), tolerance: self.tolerance))
    }

    /// The slot was perhaps reserved the moment the gateway asked; 300 ms later its call would leave up to 300 ms
    /// late, even when it sleeps exactly the wait it was given.
    @Test func aSlowAnswerCountsAsMissedEvenWhenTheSleepEndsOnTime() {
        let sentAt = ContinuousClock.now
        let slot = ReservedSlot(wait: .milliseconds(250), sentAt: sentAt, answeredAt: sentAt + .milliseconds(300))
        #expect(slot.isMissed(at: slot.earliest, tolerance: self.tolerance))
    }

    @Test func aProcessHeldUpPastItsSlotCountsAsMissed() {
        let sentAt = ContinuousClock.now
        let slot = ReservedSlot(wait: .milliseconds(250), sentAt: sentAt, answeredAt: sentAt)
        #expect(slot.isMissed(at: slot.earliest + self.tolerance + .milliseconds(1), tolerance: self.tolerance))
    }
}
