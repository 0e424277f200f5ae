import Foundation
import Logging
import PostgresNIO
import S2VCore
import S2VStore
import ServiceLifecycle

/// Submits admitted tasks to the upstream accounts of the pool, keeping each account, across all instances,
/// within its limits for each model: at most the model's concurrent tasks claimed, submitted or running, and its
/// submissions spaced by its rate. The upstream never has a reason to refuse with 429.
///
/// Each account has one submitter at a time, whichever instance holds its session lock. For each task: the
/// claim and the intent are committed, then the call is sent in the account's next submission slot, then the
/// outcome is committed. Retryable refusals (429, 5xx) go back into the queue with a backoff and never reach
/// the client; a call without a usable answer is resolved against the upstream's task list before anything
/// else is sent to that account, or settled by rule once `unresolvedSubmissionLimit` has passed
/// (`SubmissionReconciler`).
struct Dispatcher: Service {
    static let synthesisPath = "/services/aigc/image2video/video-synthesis"
    /// Give up on a task the upstream keeps refusing with 5xx after this many attempts (429s get more).
    static let maximumServerErrorAttempts = 8
    static let maximumThrottledAttempts = 60

    let client: StoreClient
    let metering: MeteringRepository
    let pacing: UpstreamPacing
    let pool: AccountPool
    let reconciler: SubmissionReconciler
    let wake: WakeSignal
    let logger: Logger
    /// The loop, its deadline and its heartbeat.
    let rounds: BackgroundRounds

    func run() async throws {
        try await self.rounds.run(pause: .milliseconds(250), wake: self.wake) {
            try await self.dispatchRound()
            return false
        }
    }

    /// Accounts dispatched at once: each holds a connection for its lock, so they must leave the pool room.
    static let parallelAccounts = 4

    /// Every account of the pool, a few at a time, each under its own lock. Removed accounts only get their open
    /// submissions resolved, never new work.
    func dispatchRound() async throws {
        let accounts = try await self.pool.all()
        for start in stride(from: 0, to: accounts.count, by: Self.parallelAccounts) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for account in accounts[start..<min(start + Self.parallelAccounts, accounts.count)] {
                    group.addTask { try await self.dispatch(to: account) }
                }
                try await group.waitForAll()
            }
        }
    }

    /// Under the account's lock: resolve its open submissions, then submit queued tasks while it has room.
    private func dispatch(to account: ResolvedAccount) async throws {
        try await self.client.withConnection { connection in
            guard try await AccountLock.tryLock(account.name, on: connection, logger: self.logger) else { return }
            do {
                try await self.submitWhileRoom(account, lock: connection)
            } catch {
                try? await AccountLock.unlock(account.name, on: connection, logger: self.logger)
                throw error
            }
            try await AccountLock.unlock(account.name, on: connection, logger: self.logger)
        }
    }

    /// Stops when the lock's connection died (PostgreSQL restarted): the lock went with it, and another instance
    /// may hold it by now. Stops too when the round was cancelled (past its deadline), so that a round left
    /// running claims nothing new.
    private func submitWhileRoom(_ account: ResolvedAccount, lock: PostgresConnection) async throws {
        guard try await self.reconciler.resolve(account: account, logger: self.logger), !account.removed else { return }
        while !Task.isShuttingDownGracefully, !Task.isCancelled, !lock.isClosed {
            // DashScope counts running tasks per model: each generation model has its own slots on the account.
            let inFlight = try await self.metering.tasksInFlight(account: account.name, logger: self.logger)
            let withRoom = account.limits.models.filter { model, limits in
                guard let slots = limits.maxConcurrentTasks else { return false }
                return inFlight[model, default: 0] < slots
            }
            guard
                let claim = try await self.metering.claimNextSubmission(
                    account: account.name,
                    models: withRoom.keys.sorted(),
                    logger: self.logger
                )
            else { return }
            let departure = try await self.pacing.waitForSlot(
                of: account,
                lane: .submit(model: claim.model),
                logger: self.logger
            )
            guard try await self.submit(claim, via: account, departure: departure) else { return }
        }
    }

    /// Sends one claimed task; returns false when its outcome is left open for the reconciler.
    private func submit(
        _ claim: SubmissionClaim,
        via account: ResolvedAccount,
        departure: UpstreamDeparture
    ) async throws -> Bool {
        var logger = self.logger
        logger[metadataKey: "task_id"] = "\(claim.taskID)"
        let reply: UpstreamReply
        do throws(UpstreamFailure) {
            reply = try await account.upstream.post(
                Self.synthesisPath,
                body: claim.requestBody,
                async: true,
                kind: .submit,
                departure: departure,
                logger: logger
            )
        } catch .notSent(let reason) {
            logger.warning("upstream unreachable; task queued again", metadata: ["reason": "\(reason)"])
            try await self.metering.requeue(
                callID: claim.callID,
                taskID: claim.taskID,
                httpStatus: nil,
                errorCode: "UpstreamUnreachable",
                retryAfter: .seconds(1),
                logger: logger
            )
            return true
        } catch .noAnswer(let reason) {
            logger.warning(
                "no answer to a submission; resolving it from the task list",
                metadata: ["reason": "\(reason)"]
            )
            try await self.metering.markSubmissionUnknown(callID: claim.callID, httpStatus: nil, logger: logger)
            return try await self.reconciler.resolve(account: account, logger: logger)
        }

        switch reply.status {
        case 200:
            guard let upstreamTaskID = JSONValue.parse(reply.body)?["output"]?["task_id"]?.stringValue else {
                logger.warning("malformed answer to a submission; resolving it from the task list")
                try await self.metering.markSubmissionUnknown(callID: claim.callID, httpStatus: 200, logger: logger)
                return try await self.reconciler.resolve(account: account, logger: logger)
            }
            try await self.metering.recordSubmitted(
                callID: claim.callID,
                taskID: claim.taskID,
                upstreamTaskID: upstreamTaskID,
                upstreamRequestID: reply.requestID,
                logger: logger
            )
        case 429, 500...599:
            let throttled = reply.status == 429
            let limit = throttled ? Self.maximumThrottledAttempts : Self.maximumServerErrorAttempts
            let error = reply.error
            if claim.attempts + 1 >= limit {
                try await self.metering.failSubmission(
                    callID: claim.callID,
                    taskID: claim.taskID,
                    httpStatus: reply.status,
                    errorCode: error?.code ?? "InternalError",
                    message: error?.message ?? "The upstream kept refusing the task.",
                    logger: logger
                )
            } else {
                try await self.metering.requeue(
                    callID: claim.callID,
                    taskID: claim.taskID,
                    httpStatus: reply.status,
                    errorCode: error?.code,
                    retryAfter: Self.backoff(attempt: claim.attempts, throttled: throttled),
                    logger: logger
                )
            }
        default:
            let error = reply.error
            try await self.metering.failSubmission(
                callID: claim.callID,
                taskID: claim.taskID,
                httpStatus: reply.status,
                errorCode: error?.code ?? "InternalError",
                message: error?.message ?? "The upstream refused the task (HTTP \(reply.status)).",
                logger: logger
            )
        }
        return true
    }

    /// 429: the rate window clears within a second. 5xx: exponential, from 0.5 s up to 30 s.
    static func backoff(attempt: Int, throttled: Bool) -> Duration {
        if throttled { return .milliseconds(250 * min(attempt + 1, 4)) }
        return .milliseconds(500 * (1 << min(attempt, 6)))
    }
}
