import Foundation
import Logging
import S2VStore

/// Reads the accounts' upstream task lists in the background, for the reconciler: at most one read per account
/// at a time; after a failed read the next comes 1 s later, doubling to 30 s; while a submission stays open a
/// readable list is read again at most once a second.
///
/// A dispatch round never waits for a read, so a slow, failing or oddly shaped list holds up no account (its own
/// included: the unresolved-submission limit is checked every round whatever the reads do), and no list is
/// ever read in a tight loop.
actor TaskListReads {
    /// A completed read of one account's list.
    struct Read: Sendable {
        /// When the read was asked for: the list it shows is the upstream's at that time or later.
        let startedAt: Date
        /// The submissions open when it was asked for; it can resolve only those.
        let covers: Set<Int64>
        let listed: [UpstreamTaskList.Listed]
    }

    private struct AccountReads {
        var running = false
        var latest: Read?
        var notBefore = ContinuousClock.now
        var backoff: RetryBackoff
    }

    static let rereadInterval: Duration = .seconds(1)

    private let pacing: UpstreamPacing
    private let initialBackoff: RetryBackoff
    private var accounts: [String: AccountReads] = [:]

    init(pacing: UpstreamPacing, backoff: RetryBackoff = RetryBackoff()) {
        self.pacing = pacing
        self.initialBackoff = backoff
    }

    /// Hands out, once, the newest completed read asked for when exactly the submissions in `open` were open (with
    /// one of them since resolved, its task would shift the matching of the others); starts a new read of
    /// the tasks submitted since `since` unless one is running or the backoff says wait.
    func read(for account: ResolvedAccount, open: [OpenSubmission], since: Date, logger: Logger) -> Read? {
        var state = self.accounts[account.name] ?? AccountReads(backoff: self.initialBackoff)
        defer { self.accounts[account.name] = state }
        let openIDs = Set(open.map(\.callID))
        var usable: Read?
        if let latest = state.latest, latest.covers == openIDs {
            usable = latest
            state.latest = nil
        }
        if !state.running, ContinuousClock.now >= state.notBefore {
            state.running = true
            self.start(account: account, covering: openIDs, since: since, logger: logger)
        }
        return usable
    }

    /// The account has no open submission: the next read starts at once, with the backoff reset.
    func forget(_ account: String) {
        guard var state = self.accounts[account] else { return }
        state.latest = nil
        state.backoff.reset()
        state.notBefore = .now
        self.accounts[account] = state
    }

    private func start(account: ResolvedAccount, covering: Set<Int64>, since: Date, logger: Logger) {
        let startedAt = Date()
        let pacing = self.pacing
        let list = UpstreamTaskList(upstream: account.upstream) {
            try await pacing.waitForSlot(of: account, lane: .query, logger: logger)
        }
        Task {
            do {
                let listed = try await list.tasks(since: since, logger: logger)
                self.succeeded(account.name, Read(startedAt: startedAt, covers: covering, listed: listed))
            } catch {
                self.failed(account.name, error: error, logger: logger)
            }
        }
    }

    private func succeeded(_ account: String, _ read: Read) {
        guard var state = self.accounts[account] else { return }
        state.running = false
        state.latest = read
        state.backoff.reset()
        state.notBefore = .now + Self.rereadInterval
        self.accounts[account] = state
    }

    private func failed(_ account: String, error: any Error, logger: Logger) {
        guard var state = self.accounts[account] else { return }
        let wait = state.backoff.failed()
        state.running = false
        state.notBefore = .now + wait
        self.accounts[account] = state
        logger.warning(
            "cannot read the upstream task list; trying again later",
            metadata: [
                "account": "\(account)", "retry_in": "\(wait)", "error": "\(error)",
            ]
        )
    }
}
