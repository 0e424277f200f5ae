import Foundation
import Prometheus
import Testing

@testable import S2VGateway

/// The pure parts of `/metrics`: amounts become float samples without losing digits, and upstream outcomes
/// fall into a few classes.
@Suite struct MetricsValueTests {
    @Test(arguments: ["0.73325571", "0.000574", "0.071677", "1.793647", "12345.678901234", "0"])
    func amountsPrintBackExactly(_ text: String) throws {
        let amount = try #require(Decimal(string: text))
        let sample = PrometheusSample.value(amount)
        #expect(Decimal(string: "\(sample)") == amount, "\(text) became \(sample)")
    }

    @Test func upstreamOutcomesAreClassesOfStatus() {
        #expect(UpstreamCallOutcome(status: 200) == .success)
        #expect(UpstreamCallOutcome(status: 429) == .throttled)
        #expect(UpstreamCallOutcome(status: 400) == .clientError)
        #expect(UpstreamCallOutcome(status: 503) == .serverError)
        #expect(UpstreamCallOutcome(failure: .notSent("refused")) == .notSent)
        #expect(UpstreamCallOutcome(failure: .noAnswer("timeout")) == .noAnswer)
    }

    @Test func requestsAreCountedPerRegistry() {
        let first = GatewayMetrics(registry: .init())
        let second = GatewayMetrics(registry: .init())
        first.recordRequest(method: "GET", route: "/health", status: 200, duration: .milliseconds(3))
        #expect(
            first.registry.emitToString().contains(
                #"s2v_http_requests_total{method="GET",route="/health",status="200"} 1"#
            )
        )
        #expect(!second.registry.emitToString().contains("s2v_http_requests_total{"))
    }
}
