import Testing

@testable import S2VGateway

@Suite struct WakeSignalTests {
    @Test func waitsForTheTimeoutWhenNobodyWakesIt() async {
        let signal = WakeSignal()
        for _ in 0..<3 {
            let started = ContinuousClock.now
            await signal.wait(timeout: .milliseconds(100))
            // A lower bound only: waiting must not return early (it did once, and loops spun).
            #expect(ContinuousClock.now - started >= .milliseconds(90))
        }
    }

    @Test func aWakeUpBeforeTheWaitIsRemembered() async {
        let signal = WakeSignal()
        signal.wake()
        let started = ContinuousClock.now
        await signal.wait(timeout: .seconds(30))
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func aWakeUpEndsAWaitInProgress() async {
        let signal = WakeSignal()
        async let waited: Void = signal.wait(timeout: .seconds(30))
        try? await Task.sleep(for: .milliseconds(50))
        signal.wake()
        let started = ContinuousClock.now
        await waited
        #expect(ContinuousClock.now - started < .seconds(30))
    }
}
