import Foundation
import NIOHTTP1
import S2VCore
import S2VReports
import Testing

/// Instants and days in report and audit queries are bounded to years 0001–9999: PostgreSQL's `timestamptz` ends
/// in 294276, and past 294277 PostgresNIO's encoding of a `Date` overflows and stops the process. A client gets a
/// 400 `InvalidParameter` naming the parameter instead.
@Suite struct HostileInputReportTimeTests {
    static let outOfRange = [
        "294277-01-01T00:00:00Z", "300000-01-01T00:00:00Z", "500000-06-15T12:00:00Z", "10000-01-01T00:00:00Z",
        "0000-01-01T00:00:00Z", "0000-12-31", "0000-01-01",
    ]

    @Test func instantsOutsideYears1To9999AreRefused() throws {
        for text in Self.outOfRange {
            for name in ["from", "to"] {
                do {
                    let date = try ReportTime.instant(parsing: text, name: name)
                    Issue.record("\(name)=\(text) accepted as \(String(describing: date))")
                } catch let error as ServiceError {
                    #expect(error.status == 400 && error.code == "InvalidParameter", "\(error)")
                    #expect(error.message.hasPrefix(name), "\(error.message)")
                }
            }
        }
        #expect(try ReportTime.instant(parsing: "0001-01-01T00:00:00Z", name: "from") != nil)
        #expect(try ReportTime.instant(parsing: "9999-12-31T23:59:59Z", name: "to") != nil)
        #expect(try ReportTime.instant(parsing: "9999-12-31", name: "to") != nil)
        #expect(throws: ServiceError.self) { try UsageQuery(from: "0000-01-01", to: "2026-01-01", by: nil) }
    }

    @Test func auditAndUsageQueriesWithSuchInstantsGet400() async throws {
        let harness = try await GatewayHarness.start()
        let admin = try await harness.makeAdminKey()
        let team = try await harness.makeTeamKey("time-team")
        for key in [admin, team] {
            for path in ["/v1/audit", "/v1/audit/changes"] {
                for name in ["from", "to"] {
                    for value in Self.outOfRange {
                        let reply = try await harness.send(.GET, "\(path)?\(name)=\(value)", key: key)
                        #expect(reply.status == 400, "\(path)?\(name)=\(value): \(reply.text)")
                        #expect(reply.json["code"] as? String == "InvalidParameter")
                        #expect((reply.json["message"] as? String)?.hasPrefix(name) == true, "\(reply.text)")
                    }
                }
            }
            let usage = try await harness.send(.GET, "/v1/reports/usage?from=0000-01-01&to=2026-01-01", key: key)
            #expect(usage.status == 400, "\(usage.text)")
            #expect(usage.json["code"] as? String == "InvalidParameter")
        }
        // The gateway is still up, and the bounds themselves are accepted.
        #expect(
            try await harness.send(.GET, "/v1/audit?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z", key: admin)
                .status == 200
        )
        await harness.stop()
    }
}
