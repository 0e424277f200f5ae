import DashScopeSimulator
import Foundation
import Logging
import NIOHTTP1
import PostgresNIO
import S2VStore
import S2VTestSupport
import Testing

/// Usage and invoice reports over HTTP: totals equal the ledger and the upstream's own bill to the last digit,
/// CSV parses with a standard reader, JSON amounts are exact decimal strings.
@Suite struct ReportAPITests {
    @Test func invoiceTotalsEqualTheLedgerAndTheSimulatorsBill() async throws {
        let harness = try await GatewayHarness.start()
        let admin = try await harness.makeAdminKey()
        let alpha = try await harness.makeTeamKey("bill-alpha")
        let beta = try await harness.makeTeamKey("bill-beta")
        for _ in 0..<3 { #expect(try await harness.detect(key: alpha).status == 200) }
        for _ in 0..<2 { #expect(try await harness.detect(key: beta).status == 200) }
        #expect(try await harness.submit(key: alpha, seconds: "10.23", resolution: "480P").status == 200)
        #expect(try await harness.submit(key: alpha, seconds: "3.5", resolution: "720P").status == 200)
        #expect(try await harness.submit(key: beta, seconds: "19.99", resolution: "720P").status == 200)
        try await harness.waitUntilAllSettled()

        let ledger = try #require(try await harness.scalar("SELECT sum(amount) FROM ledger_entries", as: Decimal.self))
        let upstream = await harness.simulator.simulator.bill().total.amount
        #expect(ledger == upstream, "the ledger \(ledger) is what the upstream billed, \(upstream)")

        // A month boundary may fall between the calls: add up every month the ledger touches.
        var total = Decimal(0)
        for month in try await Self.months(harness) {
            let reply = try await harness.send(.GET, "/v1/reports/invoice?month=\(month)&format=json", key: admin)
            #expect(reply.status == 200, "\(reply.text)")
            let totalObject = try #require(reply.json["total"] as? [String: Any])
            let cost = try #require(totalObject["cost"] as? String, "total.cost is a string")
            total += try #require(Decimal(string: cost))
            for team in reply.json["teams"] as? [[String: Any]] ?? [] {
                for line in team["lines"] as? [[String: Any]] ?? [] {
                    let quantity = try #require((line["quantity"] as? String).flatMap { Decimal(string: $0) })
                    let price = try #require((line["unit_price"] as? String).flatMap { Decimal(string: $0) })
                    let amount = try #require((line["amount"] as? String).flatMap { Decimal(string: $0) })
                    #expect(quantity * price == amount, "quantity × unit price = amount on every line")
                }
            }
            #expect((reply.json["prices"] as? [Any])?.isEmpty == false, "the price versions used are listed")
            #expect(reply.json["attributed_by"] as? String == "admission")
        }
        #expect(total == ledger, "the statement's total \(total) equals the ledger's \(ledger)")
        #expect(
            total == Decimal(string: "3.76675853")!,
            "5 images, 10.23 s at 480P and 23.49 s at 720P: 0.00287 + 0.73325571 + 3.03063282"
        )
        await harness.stop()
    }

    @Test func csvReportsParseWithAStandardReaderAndAddUpExactly() async throws {
        let harness = try await GatewayHarness.start()
        let admin = try await harness.makeAdminKey()
        let alpha = try await harness.makeTeamKey("csv-team")
        for _ in 0..<2 { #expect(try await harness.detect(key: alpha).status == 200) }
        #expect(try await harness.submit(key: alpha, seconds: "7.77", resolution: "720P").status == 200)
        try await harness.waitUntilAllSettled()
        let ledger = try #require(try await harness.scalar("SELECT sum(amount) FROM ledger_entries", as: Decimal.self))

        let usage = try await harness.send(
            .GET,
            "/v1/reports/usage?by=team,model,tier,day",
            key: admin,
            headers: [("Accept", "text/csv")]
        )
        #expect(usage.status == 200)
        #expect(usage.headers.first(name: "Content-Type")?.hasPrefix("text/csv") == true)
        let usageRows = try await StandardCSVReader.rows(usage.text)
        #expect(usageRows.count == 2, "one row per model and tier: \(usageRows)")
        #expect(
            Set(usageRows.first?.keys.map { $0 } ?? []) == [
                "team", "model", "tier", "day", "calls", "images", "seconds", "tasks_succeeded", "tasks_failed", "cost",
            ]
        )
        let usageSum = usageRows.compactMap { Decimal(string: $0["cost"] ?? "") }.reduce(0, +)
        #expect(usageSum == ledger)
        #expect(usageRows.first { $0["model"] == "wan2.2-s2v" }?["seconds"] == "7.77")

        let month = try #require(try await Self.months(harness).first)
        let invoice = try await harness.send(.GET, "/v1/reports/invoice?month=\(month)&format=csv", key: admin)
        let invoiceRows = try await StandardCSVReader.rows(invoice.text)
        #expect(invoiceRows.compactMap { Decimal(string: $0["amount"] ?? "") }.reduce(0, +) == ledger)
        #expect(invoiceRows.allSatisfy { $0["month"] == month })

        let html = try await harness.send(
            .GET,
            "/v1/reports/invoice?month=\(month)",
            key: admin,
            headers: [("Accept", "text/html")]
        )
        #expect(html.headers.first(name: "Content-Type")?.hasPrefix("text/html") == true)
        #expect(
            html.text.contains("<table") && html.text.contains("Team csv-team")
                && html.text.contains("Price versions used")
        )
        await harness.stop()
    }

    @Test func badReportParametersGetClearErrors() async throws {
        let harness = try await GatewayHarness.start()
        let admin = try await harness.makeAdminKey()
        let cases = [
            ("/v1/reports/invoice?month=2026-13", "month must be YYYY-MM"),
            ("/v1/reports/usage?by=team,colour", "not 'colour'"),
            ("/v1/reports/usage?from=2026-11-31", "from must be a day"),
            ("/v1/reports/usage?from=2026-11-10&to=2026-11-01", "from must be before to"),
            ("/v1/reports/usage?format=xml", "format must be one of"),
            ("/v1/audit?status=abc", "status must be an HTTP status"),
            ("/v1/audit?limit=0", "limit must be"),
            ("/v1/audit?from=yesterday", "from must be an ISO 8601 instant"),
            ("/v1/audit/changes?object=cat", "object must be"),
        ]
        for (path, message) in cases {
            let reply = try await harness.send(.GET, path, key: admin)
            #expect(reply.status == 400, "\(path)")
            #expect(reply.json["code"] as? String == "InvalidParameter", "\(path)")
            #expect((reply.json["message"] as? String)?.contains(message) == true, "\(path): \(reply.text)")
            #expect(reply.json["request_id"] is String)
        }
        #expect(try await harness.send(.GET, "/v1/reports/usage", key: nil).status == 401)
        await harness.stop()
    }

    /// The UTC months (`YYYY-MM`) the ledger's rows are attributed to.
    static func months(_ harness: GatewayHarness) async throws -> [String] {
        try await harness.database.withClient { client in
            var months: [String] = []
            let rows = try await client.query(
                "SELECT DISTINCT to_char(attributed_at AT TIME ZONE 'UTC', 'YYYY-MM') FROM ledger_entries ORDER BY 1"
            )
            for try await month in rows.decode(String.self) { months.append(month) }
            return months
        }
    }
}
