import Foundation
import S2VCore
import S2VReports
import S2VStore
import Testing

/// The report documents: exact amounts, CSV quoting, months and filters parsed with clear errors.
@Suite struct ReportDocumentTests {
    static func line(
        team: Int64,
        _ name: String,
        tier: String,
        quantity: String,
        price: String,
        conservative: Bool = false
    ) -> InvoiceLine {
        let quantity = Decimal(string: quantity)!
        let price = Decimal(string: price)!
        return InvoiceLine(
            teamID: team,
            team: name,
            model: "wan2.2-s2v",
            tier: tier,
            priceID: tier == "720P" ? 3 : 2,
            priceEffectiveFrom: Date(timeIntervalSince1970: 1_735_689_600),
            unit: "second",
            unitPrice: price,
            currency: "USD",
            conservative: conservative,
            items: 1,
            quantity: quantity,
            amount: quantity * price
        )
    }

    @Test func statementsGroupByTeamAndTotalExactly() throws {
        let lines = [
            Self.line(team: 1, "a", tier: "480P", quantity: "10.23", price: "0.071677"),
            Self.line(team: 1, "a", tier: "720P", quantity: "20", price: "0.129018", conservative: true),
            Self.line(team: 2, "b", tier: "480P", quantity: "0.01", price: "0.071677"),
        ]
        let statement = InvoiceStatement(month: try BillingMonth("2026-11"), currency: "USD", lines: lines)
        #expect(statement.teams.map(\.team) == ["a", "b"])
        #expect(statement.teams[0].total == Decimal(string: "3.31361571")!)
        #expect(statement.total == Decimal(string: "3.31433248")!)
        #expect(statement.conservativeTotal == Decimal(string: "2.58036")!)
        #expect(statement.pricesUsed.map(\.priceID) == [2, 3])

        let json = try InvoiceDocument(statement: statement).json()
        #expect(json.contains(#""cost" : "3.31433248""#), "\(json)")
        #expect(json.contains(#""amount" : "0.00071677""#))
        let table = InvoiceDocument(statement: statement).table()
        #expect(table.contains("CONSERVATIVE") && table.contains("charged conservatively"))
        let html = try InvoiceDocument(statement: statement).render(.html)
        #expect(
            html.contains("<!doctype html>") && html.contains("2026-11-01T00:00:00Z")
                && html.contains("2026-12-01T00:00:00Z")
        )
    }

    @Test func csvQuotesWhatItMustAndDefusesFormulas() {
        #expect(CSVText.field("plain") == "plain")
        #expect(CSVText.field("a,b") == "\"a,b\"")
        #expect(CSVText.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVText.field("-0.5") == "-0.5", "numbers stay numbers")
        #expect(CSVText.render(header: ["a", "b"], rows: [["1", "2"]]) == "a,b\r\n1,2\r\n")
    }

    @Test func monthsDaysAndFiltersAreParsedWithClearErrors() throws {
        let month = try BillingMonth("2024-02")
        #expect(month.end.timeIntervalSince(month.start) == 29 * 86_400, "a leap February")
        for bad in ["2026-13", "2026-1", "26-11", "2026/11", ""] {
            #expect(throws: DomainError.self) { try BillingMonth(bad) }
        }
        #expect(throws: ServiceError.self) { try UsageQuery.day("2026-02-30", name: "from") }
        #expect(try UsageQuery.dimensions("team, model,team") == [.team, .model])
        #expect(try UsageQuery.dimensions("team,tag:project,tag:project") == [.team, .tag("project")])
        #expect(throws: ServiceError.self) { try UsageQuery.dimensions("tag:") }
        #expect(throws: ServiceError.self) { try UsageQuery.dimensions("tag:x'; DROP TABLE teams") }
        #expect(try InvoiceSplit.tagKey("tag:cost_center", name: "split") == "cost_center")
        #expect(try InvoiceSplit.tagKey("", name: "split") == nil)
        #expect(throws: ServiceError.self) { try InvoiceSplit.tagKey("cost_center", name: "split") }
        #expect(try StatusFilter("4xx") == StatusFilter("4xx"))
        #expect(try StatusFilter("4xx").lowest == 400 && StatusFilter("4xx").highest == 499)
        #expect(try StatusFilter("429").lowest == 429)
        #expect(throws: DomainError.self) { try StatusFilter("9xx") }
        let instant = try ReportTime.instant(parsing: "2026-11-30T16:00:00Z", name: "from")
        #expect(instant == Date(timeIntervalSince1970: 1_796_054_400))
        #expect(
            try ReportTime.instant(parsing: "2026-11-30", name: "from") == Date(timeIntervalSince1970: 1_795_996_800)
        )
    }
}
