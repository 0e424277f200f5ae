import S2VCore
import Testing

@Suite struct ServiceErrorTests {
    @Test func errorsCarryDashScopeStatusesAndCodes() {
        #expect(ServiceError.invalidParameter("x").status == 400)
        #expect(ServiceError.invalidParameter("x").code == "InvalidParameter")
        #expect(ServiceError.invalidApiKey().status == 401)
        #expect(ServiceError.invalidApiKey().code == "InvalidApiKey")
        #expect(ServiceError.budgetExceeded("x").status == 403)
        #expect(ServiceError.budgetExceeded("x").code == "BudgetExceeded")
        let throttled = ServiceError.throttled("slow down", retryAfterSeconds: 2)
        #expect(throttled.status == 429)
        #expect(throttled.code == "Throttling.RateQuota")
        #expect(throttled.retryAfterSeconds == 2)
        #expect(ServiceError.serviceUnavailable().status == 503)
        #expect(ServiceError.serviceUnavailable().code == "ServiceUnavailable")
    }
}
