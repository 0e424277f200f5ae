import Foundation
import Logging
import S2VCore
import S2VStore
import ServiceLifecycle

/// Queries the upstream for every unfinished task, once per task per poll interval across all instances,
/// within each account's query rate (slots shared by every instance through PostgreSQL), and settles each task
/// exactly once when it ends.
struct TaskPoller: Service {
    /// Tasks claimed per round.
    static let batchSize = 50

    let metering: MeteringRepository
    let pacing: UpstreamPacing
    let pool: AccountPool
    let configuration: GatewayConfiguration
    /// Rung when a task ends: its account has room for the next one.
    let dispatcherWake: WakeSignal
    let logger: Logger
    /// The loop, its deadline and its heartbeat.
    let rounds: BackgroundRounds

    func run() async throws {
        try await self.rounds.run(pause: min(self.configuration.pollInterval / 4, .milliseconds(250))) {
            try await self.pollRound()
        }
    }

    /// Claims due tasks of the accounts this instance can use and queries each in its account's next query
    /// slot. A task whose slot is more than one interval away is left for the next interval. Returns whether a
    /// full batch was claimed.
    func pollRound() async throws -> Bool {
        let accounts = try await self.pool.all()
        let targets = try await self.metering.claimDuePolls(
            accounts: accounts.map(\.name),
            limit: Self.batchSize,
            interval: self.configuration.pollInterval,
            logger: self.logger
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            for target in targets {
                guard let account = accounts.first(where: { $0.name == target.account }),
                    let slot = try await self.pacing.reserve(
                        account: account.name,
                        lane: .query,
                        limits: account.limits,
                        maxWait: self.configuration.pollInterval,
                        logger: self.logger
                    )
                else { continue }
                group.addTask {
                    do {
                        try await self.pacing.waitOnTime(slot, account: account, lane: .query, logger: self.logger)
                    } catch let error as SlotsKeptSlipping {
                        self.logger.notice(
                            "task query not sent; retried next interval",
                            metadata: ["error": "\(error)"]
                        )
                        return
                    }
                    await self.poll(target, via: account)
                }
            }
            try await group.waitForAll()
        }
        return targets.count == Self.batchSize
    }

    func poll(_ target: PollTarget, via account: ResolvedAccount) async {
        var logger = self.logger
        logger[metadataKey: "task_id"] = "\(target.taskID)"
        do {
            let reply = try await account.upstream.get("/tasks/\(target.upstreamTaskID)", kind: .query, logger: logger)
            guard reply.status == 200, let body = JSONValue.parse(reply.body), let output = body["output"],
                let statusText = output["task_status"]?.stringValue
            else {
                logger.notice("task query failed; retried next interval", metadata: ["status": "\(reply.status)"])
                return
            }
            guard let status = TaskStatus(rawValue: statusText) else {
                logger.warning("unexpected task status from upstream", metadata: ["status": "\(statusText)"])
                return
            }
            try await self.record(status: status, output: output, usage: body["usage"], target: target, logger: logger)
        } catch {
            logger.notice("task query failed; retried next interval", metadata: ["error": "\(error)"])
        }
    }

    private func record(
        status: TaskStatus,
        output: JSONValue,
        usage: JSONValue?,
        target: PollTarget,
        logger: Logger
    ) async throws {
        switch status {
        case .pending, .running:
            try await self.metering.recordProgress(
                taskID: target.taskID,
                status: status,
                output: output.text,
                logger: logger
            )
        case .succeeded:
            defer { self.dispatcherWake.wake() }
            // The model's catalog names the usage fields billed: usage.duration for wan2.2-s2v, video_duration
            // (and video_ratio, the billed tier) for the rest of the family.
            try await self.metering.settle(
                taskID: target.taskID,
                outcome: .succeeded(billed: target.billed(usage), output: output.text, usage: usage?.text),
                logger: logger
            )
        case .failed:
            defer { self.dispatcherWake.wake() }
            try await self.metering.settle(taskID: target.taskID, outcome: .failed(output: output.text), logger: logger)
        case .canceled:
            defer { self.dispatcherWake.wake() }
            try await self.metering.settle(
                taskID: target.taskID,
                outcome: .canceled(output: output.text),
                logger: logger
            )
        case .unknown:
            if Date().timeIntervalSince(target.submittedAt) > self.configuration.forgottenAfter.timeInterval {
                defer { self.dispatcherWake.wake() }
                try await self.metering.settle(taskID: target.taskID, outcome: .forgotten, logger: logger)
            } else if try await self.metering.recordUnknown(taskID: target.taskID, output: output.text, logger: logger)
            {
                // The upstream is not running it: its account's place is free at once, not after the expiry.
                self.dispatcherWake.wake()
                logger.warning(
                    "the upstream reports the task UNKNOWN; its account's place is released, the task stays unsettled with its hold and is flagged for review",
                    metadata: ["upstream_task_id": "\(target.upstreamTaskID)", "account": "\(target.account)"]
                )
            }
        }
    }
}
