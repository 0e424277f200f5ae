import DashScopeSimulator
import Foundation
import NIOHTTP1
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// Issue 19: a chargeback statement (`/v1/reports/invoice?split=tag:KEY`) splits each team by a tag's values
/// plus untagged, and its lines add up exactly to the team's invoice, in JSON, CSV and HTML.
@Suite struct ChargebackStatementTests {
    @Test func theSplitLinesAddUpExactlyToEachTeamsInvoiceInEveryFormat() async throws {
        let harness = try await GatewayHarness.start()
        let admin = try await harness.makeAdminKey()
        let alphaTagged = try await harness.makeTeamKey("cb-alpha", tags: try CostTags(["cost_center": "cc-1"]))
        let alphaPlain = try await harness.makeKey(team: "cb-alpha")
        let beta = try await harness.makeTeamKey("cb-beta")
        let cc2 = [("X-S2V-Tags", "cost_center=cc-2")]
        let cc1 = [("X-S2V-Tags", "cost_center=cc-1,env=prod")]
        for (key, headers) in [(alphaTagged, []), (alphaPlain, cc2), (alphaPlain, []), (beta, cc1), (beta, [])] {
            #expect(try await harness.detect(key: key, headers: headers).status == 200)
        }
        for (key, headers, seconds, tier) in [
            (alphaTagged, [], "4.41", "480P"), (alphaPlain, cc2, "7.03", "720P"), (alphaPlain, [], "2.5", "480P"),
            (beta, cc1, "11.11", "720P"), (beta, [("X-S2V-Tags", "env=dev")], "3.3", "480P"),
        ] as [(String, [(String, String)], String, String)] {
            #expect(
                try await Self.submit(harness, key: key, headers: headers, seconds: seconds, tier: tier).status == 200
            )
        }
        try await harness.waitUntilAllSettled()
        let upstream = await harness.simulator.simulator.bill().total.amount

        var grandTotal = Decimal(0)
        for month in try await ReportAPITests.months(harness) {
            let query = "/v1/reports/invoice?month=\(month)"
            let plain = try await harness.send(.GET, query + "&format=json", key: admin)
            #expect(plain.status == 200, "\(plain.text)")
            var invoiced: [String: Decimal] = [:]
            for team in plain.json["teams"] as? [[String: Any]] ?? [] {
                let name = try #require(team["team"] as? String)
                invoiced[name] = try Self.amount((team["total"] as? [String: Any])?["cost"])
            }
            grandTotal += invoiced.values.reduce(0, +)

            // JSON: per team, one section per value plus untagged; sections add up to the team's invoice.
            let split = try await harness.send(.GET, query + "&format=json&split=tag:cost_center", key: admin)
            #expect(split.status == 200, "\(split.text)")
            #expect(split.json["split"] as? String == "tag:cost_center")
            var sectionsSeen: [String: Set<String>] = [:]
            for team in split.json["teams"] as? [[String: Any]] ?? [] {
                let name = try #require(team["team"] as? String)
                var sum = Decimal(0)
                for section in team["sections"] as? [[String: Any]] ?? [] {
                    let value = try #require(section["tag_value"] as? String)
                    #expect((section["untagged"] as? Bool) == value.isEmpty)
                    sectionsSeen[name, default: []].insert(value)
                    var lines = Decimal(0)
                    for line in section["lines"] as? [[String: Any]] ?? [] { lines += try Self.amount(line["amount"]) }
                    #expect(lines == (try Self.amount((section["total"] as? [String: Any])?["cost"])))
                    sum += lines
                }
                #expect(sum == invoiced[name], "\(name): sections \(sum), invoice \(invoiced[name] ?? -1)")
                #expect(try Self.amount((team["total"] as? [String: Any])?["cost"]) == invoiced[name])
            }
            #expect(Set(sectionsSeen.keys) == Set(invoiced.keys))

            // CSV, read with Python's csv: a tag:cost_center column; each team's rows add up to its invoice.
            let csv = try await harness.send(.GET, query + "&format=csv&split=tag:cost_center", key: admin)
            #expect(csv.status == 200, "\(csv.text)")
            var csvTeams: [String: Decimal] = [:]
            var csvValues: [String: Set<String>] = [:]
            for row in try await StandardCSVReader.rows(csv.text) {
                let team = try #require(row["team"])
                let value = try #require(row["tag:cost_center"], "\(row)")
                csvTeams[team, default: 0] += try Self.amount(row["amount"])
                csvValues[team, default: []].insert(value)
            }
            #expect(csvTeams == invoiced)
            #expect(csvValues == sectionsSeen)

            // HTML: each team's line amounts, its subtotals and its total all agree with its invoice.
            let html = try await harness.send(.GET, query + "&format=html&split=tag:cost_center", key: admin)
            #expect(html.status == 200)
            for (team, total) in invoiced {
                let part = try #require(Self.teamPart(of: html.text, team: team), "team \(team) in the page")
                let lines = Self.cells(in: part, pattern: #"<td class="n amount">([0-9.]+)</td>"#)
                let subtotals = Self.cells(in: part, pattern: #"<tr class="subtotal">.*?<td class="n">([0-9.]+)</td>"#)
                let totals = Self.cells(in: part, pattern: #"<tr class="total">.*?<td class="n">([0-9.]+)</td>"#)
                #expect(lines.reduce(0, +) == total)
                #expect(subtotals.reduce(0, +) == total)
                #expect(subtotals.count == sectionsSeen[team]?.count)
                #expect(totals == [total])
            }
            #expect(html.text.contains("untagged (no cost_center tag)"))
        }
        #expect(grandTotal == upstream, "the statements' total \(grandTotal) is what the upstream billed, \(upstream)")
        await harness.stop()
    }

    /// The sections seen across the run: cc-1 and cc-2 and untagged for alpha, cc-1 and untagged for beta, with
    /// a team key seeing its own team only.
    @Test func eachTeamHasItsValuesAndUntaggedAndATeamKeySeesItsOwn() async throws {
        let harness = try await GatewayHarness.start()
        let alpha = try await harness.makeTeamKey("own-alpha", tags: try CostTags(["cost_center": "cc-1"]))
        let beta = try await harness.makeTeamKey("own-beta")
        #expect(try await harness.detect(key: alpha, headers: []).status == 200)
        #expect(try await harness.detect(key: beta, headers: [("X-S2V-Tags", "cost_center=cc-9")]).status == 200)
        #expect(try await harness.detect(key: beta, headers: []).status == 200)
        try await harness.waitUntilAllSettled()
        for month in try await ReportAPITests.months(harness) {
            let reply = try await harness.send(
                .GET,
                "/v1/reports/invoice?month=\(month)&format=json&split=tag:cost_center",
                key: beta
            )
            #expect(reply.status == 200, "\(reply.text)")
            let teams = reply.json["teams"] as? [[String: Any]] ?? []
            #expect(teams.map { $0["team"] as? String } == ["own-beta"])
            let values = (teams.first?["sections"] as? [[String: Any]] ?? []).map { $0["tag_value"] as? String }
            #expect(values == ["cc-9", ""], "values sorted, untagged last")
        }
        let bad = try await harness.send(.GET, "/v1/reports/invoice?split=team", key: beta)
        #expect(bad.status == 400)
        #expect((bad.json["message"] as? String)?.contains("split takes tag:KEY") == true, "\(bad.text)")
        await harness.stop()
    }

    static func submit(
        _ harness: GatewayHarness,
        key: String,
        headers: [(String, String)],
        seconds: String,
        tier: String
    ) async throws -> GatewayHarness.Reply {
        try await harness.send(
            .POST,
            "/api/v1/services/aigc/image2video/video-synthesis",
            key: key,
            body:
                #"{"model":"wan2.2-s2v","input":{"image_url":"https://example.com/face.jpg","audio_url":"https://example.com/v.mp3?duration=\#(seconds)"},"parameters":{"resolution":"\#(tier)"}}"#,
            headers: headers + [("X-DashScope-Async", "enable")]
        )
    }

    static func amount(_ value: Any?) throws -> Decimal {
        try #require((value as? String).flatMap { Decimal(string: $0) }, "an exact decimal string: \(value ?? "nil")")
    }

    /// The page from team `team`'s heading to the next team's heading or the total.
    static func teamPart(of page: String, team: String) -> String? {
        guard let start = page.range(of: "<h2>Team \(team)</h2>") else { return nil }
        let rest = page[start.upperBound...]
        let end = rest.range(of: "<h2>")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    static func cells(in text: String, pattern: String) -> [Decimal] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).flatMap { Decimal(string: String(text[$0])) }
        }
    }
}
