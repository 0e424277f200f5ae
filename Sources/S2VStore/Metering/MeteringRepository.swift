import Foundation
import Logging
import PostgresNIO
import S2VCore

/// Every write that moves money: holds, charges, captures and releases, each in one transaction with the
/// task state, the upstream-call record and the rollups derived from it.
///
/// The ledger is append-only; settle-once is enforced by unique indexes, so however many pollers, clients or
/// instances see the end of a task, it is settled exactly once.
public struct MeteringRepository: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// The time zone of DashScope's timestamps (`YYYY-MM-DD HH:MM:SS.mmm`, China Standard Time).
    static let upstreamTimeZone = "Asia/Shanghai"
}
