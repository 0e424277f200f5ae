import Foundation
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// The daily usage is derived from ledger rows by one rule (`usage_daily_delta`), applied by the ledger's
/// trigger as each row is written and recomputed by `verify` from the ledger: every way a task or a detect call
/// ends lands in it exactly as the rule says, and the two always agree.
@Suite struct DerivedFiguresTests {
    struct Usage: Equatable, CustomStringConvertible {
        var calls: Int64 = 0
        var images: Int64 = 0
        var seconds: Decimal = 0
        var succeeded: Int64 = 0
        var failed: Int64 = 0
        var cost: Decimal = 0

        var description: String {
            "calls \(calls), images \(images), seconds \(seconds), succeeded \(succeeded), failed \(failed), cost \(cost)"
        }
    }

    @Test func everyEndingOfATaskOrACallCountsAsTheRuleSays() async throws {
        try await TestDatabase.withClient { client, _ in
            let fixture = try await LedgerFixture.make(client)
            let unit = fixture.price480.unitPrice
            let hold = fixture.price480.amount(for: 20)
            let outcomes: [TaskOutcome] = [
                .succeeded(
                    billed: BilledUsage(seconds: Decimal(string: "9.52")!, reportedTier: nil),
                    output: "{}",
                    usage: nil
                ),
                .succeeded(billed: BilledUsage(seconds: nil, reportedTier: nil), output: "{}", usage: nil),
                .failed(output: "{}"),
                .canceled(output: nil),
                .forgotten,
                .unresolvedSubmission,
            ]
            for outcome in outcomes {
                let task = try await fixture.admit()
                #expect(try await fixture.metering.settle(taskID: task.id, outcome: outcome, logger: fixture.logger))
            }
            // Six admitted tasks are six calls. Seconds: 9.52 billed, and the longest video for the three charged
            // conservatively. Only the two SUCCEEDED tasks count as succeeded, only the FAILED one as failed.
            let videos = try await Self.usage(model: "wan2.2-s2v", client)
            let conservative = hold * 3
            #expect(
                videos
                    == Usage(
                        calls: 6,
                        seconds: Decimal(string: "9.52")! + 60,
                        succeeded: 2,
                        failed: 1,
                        cost: Decimal(string: "9.52")! * unit + conservative
                    ),
                "\(videos)"
            )

            for outcome in [
                DetectOutcome.checked(upstreamRequestID: "r-1"), .unanswered,
                .refused(upstreamStatus: 400, errorCode: "InvalidParameter", upstreamRequestID: "r-2"),
            ] {
                let id = try await fixture.metering.openDetect(
                    caller: fixture.caller,
                    teamID: fixture.team.id,
                    price: fixture.detect,
                    account: "a",
                    logger: fixture.logger
                )
                let call = try #require(try await fixture.metering.heldDetectCall(id: id, logger: fixture.logger))
                #expect(call.hold == fixture.detect.unitPrice)
                try await fixture.metering.settleDetect(call, outcome: outcome, logger: fixture.logger)
                // Settled once: a second settlement finds nothing open and charges nothing.
                #expect(try await fixture.metering.settleDetect(call, outcome: outcome, logger: fixture.logger) == 0)
                #expect(try await fixture.metering.heldDetectCall(id: id, logger: fixture.logger) == nil)
            }
            // The check that ran and the one that may have run are charged; the refused one is not.
            let checks = try await Self.usage(model: "wan2.2-s2v-detect", client)
            #expect(
                checks == Usage(calls: 2, images: 2, cost: fixture.detect.unitPrice * 2),
                "\(checks)"
            )

            #expect(try await LedgerVerifier(client: client).findDrift(logger: fixture.logger).isEmpty)
        }
    }

    static func usage(model: String, _ client: StoreClient) async throws -> Usage {
        let rows = try await client.query(
            """
            SELECT coalesce(sum(calls), 0)::bigint, coalesce(sum(images), 0)::bigint, coalesce(sum(seconds), 0),
                   coalesce(sum(tasks_succeeded), 0)::bigint, coalesce(sum(tasks_failed), 0)::bigint,
                   coalesce(sum(cost), 0)
            FROM usage_daily WHERE model = \(model)
            """
        )
        var usage = Usage()
        for try await row in rows.decode((Int64, Int64, Decimal, Int64, Int64, Decimal).self) {
            usage = Usage(calls: row.0, images: row.1, seconds: row.2, succeeded: row.3, failed: row.4, cost: row.5)
        }
        return usage
    }
}
