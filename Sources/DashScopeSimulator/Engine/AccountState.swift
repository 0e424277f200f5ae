import Foundation

/// Everything the simulator keeps for one API key: its tasks and queue, limit windows, bill and statistics.
struct AccountState: Sendable {
    /// Live tasks by id (expired finished tasks are purged).
    private(set) var tasks: [String: SimulatedTask] = [:]
    /// Task ids in submission order.
    private var order: [String] = []
    /// PENDING task ids, first come first served.
    private var queue: [String] = []
    /// The one RUNNING task, if any: `wan2.2-s2v` runs one task at a time per account.
    private var runningID: String?
    /// When the previous task finished, i.e. the earliest start of the next one.
    private var freeAt = Date.distantPast

    /// Accepted submissions per model (the rate limit).
    var acceptedWindows: [SimulatedModel: SlidingWindow] = [:]
    /// Every submission attempt per model (statistics only).
    var attemptWindows: [SimulatedModel: SlidingWindow] = [:]
    /// Accepted task queries (the query limit).
    var queryWindow = SlidingWindow()

    var bill = AccountBill()
    var stats = AccountStats()

    /// Queues a new task and records how many tasks are unfinished now.
    mutating func enqueue(_ task: SimulatedTask, timing: TaskTiming, now: Date) {
        self.tasks[task.id] = task
        self.order.append(task.id)
        self.queue.append(task.id)
        self.advance(to: now, timing: timing)
        let unfinished = self.queue.count + (self.runningID == nil ? 0 : 1)
        self.stats.maxUnfinishedTasks = max(self.stats.maxUnfinishedTasks, unfinished)
    }

    /// Replays the queue up to `now`: finishes the running task when its time is up, starts the next
    /// PENDING one, and so on; then forgets finished tasks older than the TTL.
    mutating func advance(to now: Date, timing: TaskTiming) {
        while true {
            if let id = self.runningID, var task = self.tasks[id], let started = task.scheduledTime {
                let end = started.addingTimeInterval(timing.generationTime)
                guard end <= now else { break }
                task.endTime = end
                if task.plannedFailure == nil {
                    task.status = .succeeded
                    let amount = task.duration * task.resolution.pricePerSecond
                    self.bill.addVideo(
                        BilledTask(
                            taskID: task.id,
                            resolution: task.resolution,
                            duration: task.duration,
                            amount: amount
                        )
                    )
                } else {
                    task.status = .failed
                }
                self.tasks[id] = task
                self.runningID = nil
                self.freeAt = end
                continue
            }
            guard let nextID = self.queue.first, var next = self.tasks[nextID] else { break }
            let start = max(self.freeAt, next.submitTime.addingTimeInterval(timing.schedulingDelay))
            guard start <= now else { break }
            self.queue.removeFirst()
            next.status = .running
            next.scheduledTime = start
            self.tasks[nextID] = next
            self.runningID = nextID
            // Only ever one: the queue above starts a task only once the previous one finished.
            self.stats.maxRunningTasks = max(self.stats.maxRunningTasks, 1)
        }
        self.purge(now: now, ttl: timing.ttl)
    }

    /// The task, unless unknown or past its TTL.
    func visibleTask(_ id: String, now: Date, ttl: TimeInterval) -> SimulatedTask? {
        guard let task = self.tasks[id], task.submitTime.addingTimeInterval(ttl) > now else { return nil }
        return task
    }

    /// Visible tasks, newest first.
    func visibleTasks(now: Date, ttl: TimeInterval) -> [SimulatedTask] {
        self.order.reversed().compactMap { self.visibleTask($0, now: now, ttl: ttl) }
    }

    /// Cancels a PENDING task; anything else is refused.
    mutating func cancel(_ id: String, now: Date, ttl: TimeInterval) throws(DashScopeError) {
        guard var task = self.visibleTask(id, now: now, ttl: ttl), task.status == .pending else {
            throw .cancelRefused
        }
        task.status = .canceled
        task.endTime = now
        self.tasks[id] = task
        self.queue.removeAll { $0 == id }
    }

    private mutating func purge(now: Date, ttl: TimeInterval) {
        // Tasks are in submission order, so expired ones sit at the front. An expired task that is
        // still unfinished stays (invisible) until it finishes, so the queue stays consistent.
        while let id = self.order.first, let task = self.tasks[id],
            task.submitTime.addingTimeInterval(ttl) <= now, task.status.isTerminal
        {
            self.order.removeFirst()
            self.tasks[id] = nil
        }
    }
}
