import Foundation

/// The configured task timings as plain seconds, for date arithmetic.
struct TaskTiming: Sendable {
    var generationTime: TimeInterval
    var schedulingDelay: TimeInterval
    var ttl: TimeInterval

    init(configuration: SimulatorConfiguration) {
        self.generationTime = configuration.generationTime.timeInterval
        self.schedulingDelay = configuration.schedulingDelay.timeInterval
        self.ttl = configuration.taskTTL.timeInterval
    }
}
