import Foundation
import S2VCore
import Testing

@Suite struct MoneyTests {
    @Test func secondsTimesPriceIsExactAsTheUpstreamBills() {
        let price = Price(
            id: 1,
            model: "wan2.2-s2v",
            tier: "480P",
            unit: "second",
            unitPrice: Decimal(exactly: "0.071677")!,
            currency: "USD",
            effectiveFrom: Date()
        )
        #expect(price.amount(for: Decimal(exactly: "10.23")!).exactString == "0.73325571")
        #expect(price.amount(for: Decimal(exactly: "19.99")!).exactString == "1.43282323")
    }

    @Test func sumsDoNotDrift() {
        // The classic float trap: 0.1 + 0.2 and ten thousand small charges.
        #expect((Decimal(exactly: "0.1")! + Decimal(exactly: "0.2")!).exactString == "0.3")
        var total = Decimal(0)
        for _ in 0..<10_000 { total += Decimal(exactly: "0.000574")! }
        #expect(total.exactString == "5.74")
    }

    @Test func onlyPlainDecimalsParse() {
        #expect(Decimal(exactly: "0.071677")?.exactString == "0.071677")
        #expect(Decimal(exactly: "-2")?.exactString == "-2")
        for text in ["1e-3", "0,5", "", "1.", ".5", "abc", "1.2.3", "NaN"] {
            #expect(Decimal(exactly: text) == nil, "\(text)")
        }
    }

    @Test func roundingIsForDisplayOnlyAndBankers() {
        #expect(Decimal(exactly: "0.73325571")!.rounded(scale: 2).exactString == "0.73")
        #expect(Decimal(exactly: "0.125")!.rounded(scale: 2).exactString == "0.12")
    }
}
