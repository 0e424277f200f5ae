import Testing

@testable import S2VGateway

/// An intent still in flight must never be taken for abandoned: the recovery would charge it conservatively while
/// the call is still running, and the call's own settlement would then find it settled and log no cost.
@Suite struct DetectIntentRecoveryTests {
    @Test(arguments: [
        (slotWait: Duration.seconds(2), upstream: Duration.seconds(30)),
        (slotWait: .seconds(60), upstream: .seconds(30)),
        (slotWait: .seconds(60), upstream: .seconds(1)),
        (slotWait: .zero, upstream: .milliseconds(100)),
    ])
    func anIntentIsAbandonedOnlyAfterTheLongestALiveCallCanTake(slotWait: Duration, upstream: Duration) {
        var configuration = GatewayConfiguration(upstreamBaseURL: "http://127.0.0.1:1/api/v1", upstreamAPIKey: nil)
        configuration.detectSlotWait = slotWait
        configuration.upstreamTimeout = upstream
        let longestLiveCall = slotWait + upstream
        #expect(DetectIntentRecovery.abandonmentAge(configuration) > longestLiveCall)
    }
}
