import Foundation
import Logging
import S2VCore
import S2VStore

/// Resolves submissions whose outcome is unknown: the call got no usable answer, or a crash interrupted it.
///
/// The dispatcher submits to an account one call at a time, under the account's lock, and resolves every open
/// submission before it sends the next. So the upstream tasks that appeared since the oldest open submission
/// and that no task of ours maps to can only be those submissions' tasks, in order. A submission with no such
/// task, old enough for the upstream to have shown it, created nothing and goes back into the queue.
///
/// The list is read in the background (`TaskListReads`), so a round never waits for it. When the list cannot
/// settle a submission within `unresolvedSubmissionLimit` of its start (unreadable, shaped unexpectedly, or
/// ambiguous), the submission is settled by rule: captured at its full hold, flagged for review, counted in
/// `s2v_dispatch_unresolved_submissions_total`; the account's running place is freed and its queue resumes.
struct SubmissionReconciler: Sendable {
    let metering: MeteringRepository
    let configuration: GatewayConfiguration
    let reads: TaskListReads
    let metrics: GatewayMetrics

    /// The list's window opens this long before the oldest open submission (clock skew, the filter's second
    /// precision), but never as far back as half the limit: a submission settled by rule started at least the
    /// limit before any submission open after it, so its upstream task, if it made one, stays out of the window.
    var windowMargin: Duration {
        min(.seconds(60), self.configuration.unresolvedSubmissionLimit / 2)
    }

    /// Returns true when no submission of `account` is left open.
    func resolve(account resolved: ResolvedAccount, logger: Logger) async throws -> Bool {
        let account = resolved.name
        let open = try await self.metering.openSubmissions(account: account, logger: logger)
        guard let oldest = open.first else {
            await self.reads.forget(account)
            return true
        }
        var unresolved = open
        let since = oldest.startedAt.addingTimeInterval(-self.windowMargin.timeInterval)
        if let read = await self.reads.read(for: resolved, open: open, since: since, logger: logger) {
            unresolved = try await self.apply(read, to: open, account: account, logger: logger)
        }
        var allResolved = true
        let limit = self.configuration.unresolvedSubmissionLimit
        for submission in unresolved {
            guard Date().timeIntervalSince(submission.startedAt) >= limit.timeInterval,
                let captured = try await self.metering.settleUnresolvedSubmission(
                    callID: submission.callID,
                    taskID: submission.taskID,
                    olderThan: limit,
                    logger: logger
                )
            else {
                allResolved = false
                continue
            }
            self.metrics.recordUnresolvedSubmission(account: account)
            logger.warning(
                "submission outcome undetermined within the limit; settled at its full hold and flagged for review",
                metadata: [
                    "task_id": "\(submission.taskID)", "account": "\(account)",
                    "captured": "\(captured)", "limit": "\(limit)",
                ]
            )
        }
        return allResolved
    }

    /// Matches `read`'s unknown upstream tasks to the open submissions, in order; returns those still open.
    private func apply(
        _ read: TaskListReads.Read,
        to open: [OpenSubmission],
        account: String,
        logger: Logger
    ) async throws -> [OpenSubmission] {
        let known = try await self.metering.knownUpstreamTaskIDs(
            account: account,
            among: read.listed.map(\.taskID),
            logger: logger
        )
        var unmatched = read.listed.filter { !known.contains($0.taskID) }
        if unmatched.count > 1, unmatched.contains(where: { $0.submittedAt == nil }) {
            // Without submission times the order, hence which task is whose, is unknown: leave it to the limit.
            logger.warning(
                "upstream task list gives no submission times for several unknown tasks; waiting for the limit",
                metadata: ["account": "\(account)", "upstream_task_ids": "\(unmatched.map(\.taskID))"]
            )
            return open
        }
        var stillOpen: [OpenSubmission] = []
        let grace = self.configuration.notCreatedGrace
        for submission in open {
            if !unmatched.isEmpty {
                let match = unmatched.removeFirst()
                try await self.metering.recordSubmitted(
                    callID: submission.callID,
                    taskID: submission.taskID,
                    upstreamTaskID: match.taskID,
                    upstreamRequestID: nil,
                    resolved: true,
                    logger: logger
                )
                logger.notice(
                    "unanswered submission found upstream",
                    metadata: ["task_id": "\(submission.taskID)", "upstream_task_id": "\(match.taskID)"]
                )
            } else if read.startedAt.timeIntervalSince(submission.startedAt) > grace.timeInterval {
                try await self.metering.requeue(
                    callID: submission.callID,
                    taskID: submission.taskID,
                    httpStatus: nil,
                    errorCode: "NotCreatedUpstream",
                    retryAfter: .zero,
                    resolved: true,
                    logger: logger
                )
                logger.notice(
                    "unanswered submission created nothing upstream; queued again",
                    metadata: ["task_id": "\(submission.taskID)"]
                )
            } else {
                stillOpen.append(submission)
            }
        }
        if !unmatched.isEmpty {
            logger.warning(
                "upstream tasks this gateway did not submit: is the account's key used elsewhere?",
                metadata: ["upstream_task_ids": "\(unmatched.map(\.taskID))"]
            )
        }
        return stillOpen
    }
}
