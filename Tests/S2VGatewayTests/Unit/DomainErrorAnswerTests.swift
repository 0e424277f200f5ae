import S2VCore
import Testing

@testable import S2VGateway

/// Each refusal in the service's terms gets its HTTP answer in one place; these are the answers DashScope's SDKs
/// and the existing clients know.
@Suite struct DomainErrorAnswerTests {
    @Test func eachRefusalHasItsStatusCodeAndHeaders() throws {
        #expect(ServiceError(DomainError.invalid("bad")) == .invalidParameter("bad"))
        let budget = ServiceError(DomainError.budgetExceeded("full"))
        #expect(budget.status == 403 && budget.code == "BudgetExceeded" && budget.message == "full")
        let slot = ServiceError(DomainError.noUpstreamSlot("busy", retryAfterSeconds: 1))
        #expect(slot.status == 429 && slot.code == "Throttling.RateQuota" && slot.retryAfterSeconds == 1)
        let unavailable = ServiceError(DomainError.unavailable("down"))
        #expect(unavailable.status == 503 && unavailable.code == "ServiceUnavailable")

        let refusal = try ClientLimitRefusal.decode(
            detail: """
                {"scope": "key", "team_id": 1, "key_id": 2, "limit_name": "requests_per_second", "limit": "5",
                 "remaining": "0", "reset_seconds": 3, "retry_after_seconds": 1}
                """
        )
        let limited = ServiceError(DomainError.clientLimit(refusal))
        #expect(limited.status == 429 && limited.code == "Throttling.RateQuota")
        #expect(limited.retryAfterSeconds == 1 && limited.message == refusal.message)
        #expect(limited.rateLimit == RateLimitFigures(limit: "5", remaining: "0", resetSeconds: 3))
    }
}
