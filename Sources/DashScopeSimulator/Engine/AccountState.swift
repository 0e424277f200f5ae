import Foundation

/// Everything the simulator keeps for one API key: its tasks and queues, limit windows, bill and statistics.
struct AccountState: Sendable {
    /// Live tasks by id (expired finished tasks are purged).
    private(set) var tasks: [String: SimulatedTask] = [:]
    /// Task ids in submission order.
    private var order: [String] = []
    /// Each video model's queue: models run side by side, each one task at a time.
    private var queues: [SimulatedModel: ModelQueue] = [:]

    /// Accepted submissions per model (the rate limit).
    var acceptedWindows: [SimulatedModel: SlidingWindow] = [:]
    /// Every submission attempt per model (statistics only).
    var attemptWindows: [SimulatedModel: SlidingWindow] = [:]
    /// Accepted task queries (the query limit).
    var queryWindow = SlidingWindow()

    var bill = AccountBill()
    var stats = AccountStats()

    /// Queues a new task and records how many tasks are unfinished now, in all and of its model.
    mutating func enqueue(_ task: SimulatedTask, timing: TaskTiming, now: Date) {
        self.tasks[task.id] = task
        self.order.append(task.id)
        self.queues[task.model, default: ModelQueue()].pending.append(task.id)
        self.advance(to: now, timing: timing)
        let unfinished = self.queues.values.reduce(0) { $0 + $1.unfinished }
        self.stats.maxUnfinishedTasks = max(self.stats.maxUnfinishedTasks, unfinished)
        let ofModel = self.queues[task.model]?.unfinished ?? 0
        self.stats.maxUnfinishedTasksByModel[task.model] = max(
            self.stats.maxUnfinishedTasksByModel[task.model] ?? 0,
            ofModel
        )
    }

    /// Replays the queues up to `now`, every model's together in time order: finishes a running task when its
    /// time is up, starts its model's next PENDING one, and so on; then forgets finished tasks older than the TTL.
    mutating func advance(to now: Date, timing: TaskTiming) {
        while let event = self.nextEvent(timing: timing), event.time <= now {
            switch event.kind {
            case .finish: self.finishRunningTask(of: event.model, at: event.time)
            case .start: self.startNextTask(of: event.model, at: event.time)
            }
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
        self.queues[task.model]?.pending.removeAll { $0 == id }
    }

    /// The earliest next event over all queues; ties go to the model declared first, so replays are deterministic.
    private func nextEvent(timing: TaskTiming) -> QueueEvent? {
        var next: QueueEvent?
        for model in SimulatedModel.allCases {
            guard let queue = self.queues[model] else { continue }
            let candidate: QueueEvent
            if let id = queue.runningID, let started = self.tasks[id]?.scheduledTime {
                candidate = QueueEvent(
                    model: model,
                    kind: .finish,
                    time: started.addingTimeInterval(timing.generationTime)
                )
            } else if let id = queue.pending.first, let task = self.tasks[id] {
                let start = max(queue.freeAt, task.submitTime.addingTimeInterval(timing.schedulingDelay))
                candidate = QueueEvent(model: model, kind: .start, time: start)
            } else {
                continue
            }
            if next.map({ candidate.precedes($0) }) ?? true {
                next = candidate
            }
        }
        return next
    }

    /// Ends `model`'s running task at `end`: SUCCEEDED and billed, or FAILED as planned.
    private mutating func finishRunningTask(of model: SimulatedModel, at end: Date) {
        guard let id = self.queues[model]?.runningID, var task = self.tasks[id] else { return }
        task.endTime = end
        if task.plannedFailure == nil {
            task.status = .succeeded
            self.bill.addVideo(
                BilledVideo(
                    taskID: task.id,
                    item: task.item,
                    duration: task.duration,
                    amount: task.duration * task.item.price
                )
            )
        } else {
            task.status = .failed
        }
        self.tasks[id] = task
        self.queues[model]?.runningID = nil
        self.queues[model]?.freeAt = end
    }

    /// Starts `model`'s next PENDING task at `start`.
    private mutating func startNextTask(of model: SimulatedModel, at start: Date) {
        guard let id = self.queues[model]?.pending.first, var task = self.tasks[id] else { return }
        self.queues[model]?.pending.removeFirst()
        task.status = .running
        task.scheduledTime = start
        self.tasks[id] = task
        self.queues[model]?.runningID = id
        let running = self.queues.values.count(where: { $0.runningID != nil })
        self.stats.maxRunningTasks = max(self.stats.maxRunningTasks, running)
    }

    private mutating func purge(now: Date, ttl: TimeInterval) {
        // Tasks are in submission order, so expired ones sit at the front. An expired task that is
        // still unfinished stays (invisible) until it finishes, so the queues stay consistent.
        while let id = self.order.first, let task = self.tasks[id],
            task.submitTime.addingTimeInterval(ttl) <= now, task.status.isTerminal
        {
            self.order.removeFirst()
            self.tasks[id] = nil
        }
    }
}
