import ArgumentParser
import DashScopeSimulator
import Foundation
import Hummingbird
import Logging

/// `s2v-meter simulate`: runs the DashScope simulator on its own.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a DashScope simulator (face-detect, video-synthesis, tasks) for tests and demos.",
        discussion: """
            The simulator follows DashScope's documented contract and limits for the whole digital-human family \
            (wan2.2-s2v, emo-v1, liveportrait, videoretalk and their detect models): 5 submissions per second per \
            model (videoretalk 1), one running task per model and key (others wait PENDING), 20 task queries per \
            second. The video duration is read from the audio URL's `duration` query parameter (e.g. \
            voice.mp3?duration=10.23); audio over a model's limit (wan2.2-s2v 20 s, emo-v1 60 s) fails the task. \
            GET /sim/bill shows what the real service would have charged, by model and tier.
            """
    )

    @OptionGroup var logging: LoggingOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8090

    @Option(
        name: .customLong("api-key"),
        parsing: .singleValue,
        help: "An accepted Bearer key (repeatable; each key is its own account)."
    )
    var apiKeys: [String] = []

    @Option(name: .customLong("generation-seconds"), help: "How long a task stays RUNNING.")
    var generationSeconds: Double = 2

    @Option(name: .customLong("default-duration"), help: "Video seconds when the audio URL names none.")
    var defaultDuration = "5"

    @Option(name: .customLong("task-ttl"), help: "Seconds after which a task id answers UNKNOWN.")
    var taskTTLSeconds: Double = 86_400

    @Option(
        name: .customLong("submissions-per-second"),
        help: "Submissions allowed per second per model and key (DashScope: 5)."
    )
    var submissionsPerSecond = 5

    @Option(name: .customLong("queries-per-second"), help: "Task queries allowed per second per key (DashScope: 20).")
    var queriesPerSecond = 20

    @Option(help: "Seed of the fault-injection random numbers.")
    var seed: UInt64 = 1

    @Option(name: .customLong("throttle-rate"), help: "Share of submissions answered 429 (0...1).")
    var throttleRate: Double = 0

    @Option(name: .customLong("error-rate"), help: "Share of submissions answered 500 (0...1).")
    var internalErrorRate: Double = 0

    @Option(
        name: .customLong("timeout-rate"),
        help: "Share of submissions answered only after --timeout-delay, unprocessed (0...1)."
    )
    var timeoutRate: Double = 0

    @Option(
        name: .customLong("lost-rate"),
        help: "Share of submissions processed and billed whose answer comes only after --timeout-delay (0...1)."
    )
    var lostResponseRate: Double = 0

    @Option(name: .customLong("task-failure-rate"), help: "Share of tasks that end FAILED (0...1).")
    var taskFailureRate: Double = 0

    @Option(
        name: .customLong("malformed-rate"),
        help: "Share of submissions processed and billed whose body is garbage (0...1)."
    )
    var malformedRate: Double = 0

    @Option(
        name: .customLong("dropped-rate"),
        help: "Share of submissions processed and billed whose connection closes before the answer (0...1)."
    )
    var droppedResponseRate: Double = 0

    @Option(name: .customLong("timeout-delay"), help: "Seconds a timed-out or lost answer is held back.")
    var timeoutDelaySeconds: Double = 30

    @Option(
        name: .customLong("task-list"),
        help:
            "How GET /tasks answers: documented, epoch-milliseconds (task_id, status, gmt_create), not-found (404) or unexpected-shape."
    )
    var taskList = TaskListAnswer.documented.rawValue

    func validate() throws {
        guard !self.apiKeys.isEmpty else { throw ValidationError("give at least one --api-key") }
        guard self.submissionsPerSecond > 0, self.queriesPerSecond > 0 else {
            throw ValidationError("--submissions-per-second and --queries-per-second must be positive")
        }
        guard Decimal(string: self.defaultDuration) != nil else {
            throw ValidationError("--default-duration must be a number")
        }
        for (name, rate) in [
            ("throttle", throttleRate), ("error", internalErrorRate), ("timeout", timeoutRate),
            ("lost", lostResponseRate), ("task-failure", taskFailureRate), ("malformed", malformedRate),
            ("dropped", droppedResponseRate),
        ]
        where !(0...1).contains(rate) {
            throw ValidationError("--\(name)-rate must be between 0 and 1")
        }
        guard TaskListAnswer(rawValue: self.taskList) != nil else {
            throw ValidationError(
                "--task-list must be one of \(TaskListAnswer.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
    }

    func run() async throws {
        let logger = try await self.logging.bootstrap(label: "s2v-meter.simulate", configFile: nil)
        let faults = FaultInjection(
            seed: self.seed,
            throttleRate: self.throttleRate,
            internalErrorRate: self.internalErrorRate,
            timeoutRate: self.timeoutRate,
            lostResponseRate: self.lostResponseRate,
            taskFailureRate: self.taskFailureRate,
            malformedRate: self.malformedRate,
            timeoutDelay: .milliseconds(Int64(self.timeoutDelaySeconds * 1000)),
            droppedResponseRate: self.droppedResponseRate,
            taskListAnswer: TaskListAnswer(rawValue: self.taskList) ?? .documented
        )
        let configuration = SimulatorConfiguration(
            apiKeys: self.apiKeys,
            generationTime: .milliseconds(Int64(self.generationSeconds * 1000)),
            defaultAudioSeconds: Decimal(string: self.defaultDuration) ?? 5,
            taskTTL: .milliseconds(Int64(self.taskTTLSeconds * 1000)),
            submissionsPerSecond: self.submissionsPerSecond,
            queriesPerSecond: self.queriesPerSecond,
            faults: faults
        )
        let simulator = DashScopeSimulator(configuration: configuration, logger: logger)
        let application = simulator.buildApplication(host: self.host, port: self.port)
        logger.info("DashScope simulator listening", metadata: ["url": "http://\(self.host):\(self.port)/api/v1"])
        try await application.runService()
    }
}
