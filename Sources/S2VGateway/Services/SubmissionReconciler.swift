import Foundation
import Logging
import S2VStore

/// Resolves submissions whose outcome is unknown: the call got no usable answer, or a crash interrupted it.
///
/// The dispatcher submits to an account one call at a time, under the account's lock, and resolves every open
/// submission before it sends the next. So the upstream tasks that appeared since the oldest open submission
/// and that no task of ours maps to can only be those submissions' tasks, in order. A submission with no such
/// task, old enough for the upstream to have shown it, created nothing and goes back into the queue.
struct SubmissionReconciler: Sendable {
    let metering: MeteringRepository
    let pacing: UpstreamPacing
    let configuration: GatewayConfiguration

    /// Returns true when no submission of `account` is left open.
    func resolve(account resolved: ResolvedAccount, logger: Logger) async throws -> Bool {
        let account = resolved.name
        let open = try await self.metering.openSubmissions(account: account, logger: logger)
        guard let oldest = open.first else { return true }
        let listed: [UpstreamTaskList.Listed]
        do {
            let taskList = UpstreamTaskList(upstream: resolved.upstream) {
                try await self.pacing.waitForSlot(of: resolved, lane: .query, logger: logger)
            }
            listed = try await taskList.tasks(since: oldest.startedAt.addingTimeInterval(-60), logger: logger)
        } catch {
            logger.warning("cannot read the upstream task list yet", metadata: ["error": "\(error)"])
            return false
        }
        let known = try await self.metering.knownUpstreamTaskIDs(
            account: account, among: listed.map(\.taskID), logger: logger)
        var unmatched = listed.filter { !known.contains($0.taskID) }
        var allResolved = true
        let grace = self.configuration.notCreatedGrace
        for submission in open {
            if !unmatched.isEmpty {
                let match = unmatched.removeFirst()
                try await self.metering.recordSubmitted(
                    callID: submission.callID, taskID: submission.taskID, upstreamTaskID: match.taskID,
                    upstreamRequestID: nil, firstPollAfter: .zero, resolved: true, logger: logger)
                logger.notice("unanswered submission found upstream",
                              metadata: ["task_id": "\(submission.taskID)", "upstream_task_id": "\(match.taskID)"])
            } else if Date().timeIntervalSince(submission.startedAt) > grace.timeInterval {
                try await self.metering.requeue(
                    callID: submission.callID, taskID: submission.taskID, httpStatus: nil,
                    errorCode: "NotCreatedUpstream", retryAfter: .zero, resolved: true, logger: logger)
                logger.notice("unanswered submission created nothing upstream; queued again",
                              metadata: ["task_id": "\(submission.taskID)"])
            } else {
                allResolved = false
            }
        }
        if !unmatched.isEmpty {
            logger.warning("upstream tasks this gateway did not submit: is the account's key used elsewhere?",
                           metadata: ["upstream_task_ids": "\(unmatched.map(\.taskID))"])
        }
        return allResolved
    }
}

extension Duration {
    /// Seconds as a `TimeInterval`, for comparisons with `Date`s (not for money).
    var timeInterval: TimeInterval {
        TimeInterval(self.components.seconds) + TimeInterval(self.components.attoseconds) / 1e18
    }
}
