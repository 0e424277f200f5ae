import Foundation

/// The simulator's state: accounts, task queues, limits, fault streams, bill and statistics.
///
/// Time only moves when someone looks: every call first replays the account's queues up to `now()`,
/// so the simulator needs no timers and a test clock controls it completely.
actor SimulatorEngine {
    private let configuration: SimulatorConfiguration
    private let timing: TaskTiming
    /// The simulator's clock; routes stamp a request's arrival with it.
    nonisolated let now: @Sendable () -> Date
    private var accounts: [String: AccountState]
    /// One stream per model.
    private var submissionFaults: [SimulatedModel: FaultPicker]
    private var queryFaults: FaultPicker

    init(configuration: SimulatorConfiguration, now: @escaping @Sendable () -> Date) {
        self.configuration = configuration
        self.timing = TaskTiming(configuration: configuration)
        self.now = now
        self.accounts = Dictionary(
            configuration.apiKeys.map { ($0, AccountState()) },
            uniquingKeysWith: { first, _ in first }
        )
        let faults = configuration.faults
        let detectRates: [(FaultKind, Double)] = [
            (.throttle, faults.throttleRate), (.internalError, faults.internalErrorRate),
            (.timeout, faults.timeoutRate), (.lost, faults.lostResponseRate), (.malformed, faults.malformedRate),
            (.dropped, faults.droppedResponseRate),
        ]
        let synthesisRates: [(FaultKind, Double)] = [
            (.throttle, faults.throttleRate), (.internalError, faults.internalErrorRate),
            (.timeout, faults.timeoutRate), (.lost, faults.lostResponseRate),
            (.taskFailed, faults.taskFailureRate), (.malformed, faults.malformedRate),
            (.dropped, faults.droppedResponseRate),
        ]
        func picker(_ model: SimulatedModel, seed: UInt64) -> FaultPicker {
            FaultPicker(seed: seed, rates: model.endpoint == .faceDetect ? detectRates : synthesisRates)
        }
        // One stream per kind of request, each seeded from the configured seed: the wan2.2 pair's and the
        // queries' first, in the order they had before the family, so a seed reproduces the same wan2.2 run.
        var seeds = SplitMix64(seed: faults.seed)
        var submissionFaults: [SimulatedModel: FaultPicker] = [:]
        submissionFaults[.detect] = picker(.detect, seed: seeds.next())
        submissionFaults[.synthesis] = picker(.synthesis, seed: seeds.next())
        self.queryFaults = FaultPicker(
            seed: seeds.next(),
            rates: faults.injectIntoQueries
                ? [(.throttle, faults.throttleRate), (.internalError, faults.internalErrorRate)] : []
        )
        for model in SimulatedModel.allCases where submissionFaults[model] == nil {
            submissionFaults[model] = picker(model, seed: seeds.next())
        }
        self.submissionFaults = submissionFaults
    }

    /// Whether `key` is one of the configured accounts.
    nonisolated func isAccount(_ key: String) -> Bool {
        self.configuration.apiKeys.contains(key)
    }

    // MARK: Submissions

    /// Counts an authenticated submission request, valid or not, for the statistics.
    func recordSubmissionAttempt(account: String, model: SimulatedModel, arrived: Date) {
        self.accounts[account]?.stats.include(model)
        self.accounts[account]?.stats.submissionAttempts[model, default: 0] += 1
        self.accounts[account]?.attemptWindows[model, default: SlidingWindow()].record(at: arrived)
    }

    /// Runs a face check of a detect model: rate limit, faults, then the (billed) check.
    /// - Parameters:
    ///   - item: The detect model, as priced.
    ///   - ratio: The ratio of `emo-detect-v1`'s `ext_bbox`; the other detect models ignore it.
    func submitDetection(
        account: String,
        item: PricedItem,
        ratio: VideoRatio,
        markers: RequestMarkers,
        arrived: Date
    ) -> SubmissionOutcome<DetectionResult> {
        let now = self.now()
        switch self.admit(account: account, model: item.model, marker: markers.failure, now: now, arrived: arrived) {
        case .rejected(let error):
            return .rejected(error)
        case .timedOut:
            return .timedOut
        case .processed(let fault, _):
            self.accounts[account]?.bill.addImage(item)
            let result = DetectionResult.simulated(model: item.model, face: markers.face, ratio: ratio)
            return .processed(result, delivery: Self.delivery(for: fault))
        }
    }

    /// Creates a video task: rate limit, faults, then a PENDING task in its model's queue on the account.
    func submitSynthesis(
        account: String,
        plan: SynthesisPlan,
        markers: RequestMarkers,
        arrived: Date
    ) -> SubmissionOutcome<SimulatedTask> {
        let now = self.now()
        let model = plan.item.model
        switch self.admit(account: account, model: model, marker: markers.failure, now: now, arrived: arrived) {
        case .rejected(let error):
            return .rejected(error)
        case .timedOut:
            return .timedOut
        case .processed(let fault, _):
            let failure: TaskFailure? =
                if let limit = model.audioLimit, !limit.accepts(plan.audioSeconds) {
                    limit.failure
                } else if fault == .taskFailed {
                    .injected
                } else {
                    nil
                }
            let task = SimulatedTask(
                id: UUID().uuidString.lowercased(),
                item: plan.item,
                duration: plan.audioSeconds,
                plannedFailure: failure,
                submitTime: now
            )
            self.accounts[account]?.enqueue(task, timing: self.timing, now: now)
            return .processed(task, delivery: Self.delivery(for: fault))
        }
    }

    /// Applies the model's submission limit and draws a fault; records the acceptance if the request goes ahead.
    private func admit(
        account: String,
        model: SimulatedModel,
        marker: FaultKind?,
        now: Date,
        arrived: Date
    ) -> SubmissionOutcome<FaultKind?> {
        guard var state = self.accounts[account] else { return .rejected(.invalidAPIKey) }
        defer { self.accounts[account] = state }
        state.advance(to: now, timing: self.timing)
        guard
            state.acceptedWindows[model, default: SlidingWindow()].count(at: arrived)
                < self.configuration.submissionsPerSecond(for: model)
        else {
            state.stats.throttled[model.endpoint, default: 0] += 1
            return .rejected(.throttled)
        }
        let fault = self.submissionFaults[model]?.pick(marker: marker) ?? marker
        if let fault {
            state.stats.injectedFaults[fault, default: 0] += 1
        }
        switch fault {
        case .throttle?:
            state.stats.throttled[model.endpoint, default: 0] += 1
            return .rejected(.throttled)
        case .internalError?:
            return .rejected(.internalError)
        case .timeout?:
            return .timedOut
        case nil, .lost?, .taskFailed?, .malformed?, .dropped?:
            state.acceptedWindows[model, default: SlidingWindow()].record(at: arrived)
            state.stats.acceptedSubmissions[model, default: 0] += 1
            return .processed(fault, delivery: .normal)
        }
    }

    private static func delivery(for fault: FaultKind?) -> ResponseDelivery {
        switch fault {
        case .lost?: .lost
        case .malformed?: .malformed
        case .dropped?: .dropped
        default: .normal
        }
    }

    // MARK: Task queries

    /// `GET /tasks/{id}`: nil means UNKNOWN (unknown id, another account's task, or expired).
    func queryTask(account: String, id: String, marker: FaultKind?) throws(DashScopeError) -> SimulatedTask? {
        let now = self.now()
        try self.admitQuery(account: account, endpoint: .taskQuery, marker: marker, now: now)
        return self.accounts[account]?.visibleTask(id, now: now, ttl: self.timing.ttl)
    }

    /// `GET /tasks`: the account's visible tasks, newest first, filtered and paged.
    func listTasks(account: String, query: TaskListQuery, marker: FaultKind?) throws(DashScopeError) -> TaskPage {
        let now = self.now()
        try self.admitQuery(account: account, endpoint: .taskList, marker: marker, now: now)
        let all = self.accounts[account]?.visibleTasks(now: now, ttl: self.timing.ttl) ?? []
        let matching = all.filter { task in
            if let status = query.status, task.status != status { return false }
            if let model = query.modelName, model != task.model.rawValue { return false }
            if let start = query.start, task.submitTime < start { return false }
            if let end = query.end, task.submitTime > end { return false }
            return true
        }
        let first = min((query.pageNo - 1) * query.pageSize, matching.count)
        let last = min(first + query.pageSize, matching.count)
        return TaskPage(tasks: Array(matching[first..<last]), total: matching.count)
    }

    /// `POST /tasks/{id}/cancel`: PENDING tasks only. Not rate limited (upstream documents no limit).
    func cancelTask(account: String, id: String) throws(DashScopeError) {
        let now = self.now()
        guard var state = self.accounts[account] else { throw .invalidAPIKey }
        defer { self.accounts[account] = state }
        state.advance(to: now, timing: self.timing)
        try state.cancel(id, now: now, ttl: self.timing.ttl)
    }

    /// Applies the query limit and query faults; records the query if it goes ahead.
    private func admitQuery(
        account: String,
        endpoint: SimulatorEndpoint,
        marker: FaultKind?,
        now: Date
    ) throws(DashScopeError) {
        guard var state = self.accounts[account] else { throw .invalidAPIKey }
        defer { self.accounts[account] = state }
        state.advance(to: now, timing: self.timing)
        state.stats.queries += 1
        guard state.queryWindow.count(at: now) < self.configuration.queriesPerSecond else {
            state.stats.throttled[endpoint, default: 0] += 1
            throw .throttled
        }
        let fault = self.queryFaults.pick(marker: marker)
        if let fault {
            state.stats.injectedFaults[fault, default: 0] += 1
        }
        switch fault {
        case .throttle?:
            state.stats.throttled[endpoint, default: 0] += 1
            throw .throttled
        case .internalError?:
            throw .internalError
        default:
            state.queryWindow.record(at: now)
        }
    }

    // MARK: Reports

    /// The bill as of now (finishing every task whose time is up first).
    func bill() -> SimulatorBill {
        self.advanceAll()
        var total = AccountBill()
        var perAccount: [String: AccountBill] = [:]
        for (key, state) in self.accounts.sorted(by: { $0.key < $1.key }) {
            perAccount[key] = state.bill
            total.add(state.bill)
        }
        return SimulatorBill(currency: SimulatorPrices.currency, total: total, accounts: perAccount)
    }

    /// The statistics as of now.
    func stats() -> SimulatorStats {
        self.advanceAll()
        var total = AccountStats()
        var perAccount: [String: AccountStats] = [:]
        for (key, state) in self.accounts {
            var stats = state.stats
            // Every model with a window has had an attempt, so it is in the counts already.
            for (model, window) in state.acceptedWindows {
                stats.maxAcceptedSubmissionsPerSecond[model] = window.maxObserved
            }
            for (model, window) in state.attemptWindows {
                stats.maxSubmissionAttemptsPerSecond[model] = window.maxObserved
            }
            perAccount[key] = stats
            total.merge(stats)
        }
        return SimulatorStats(total: total, accounts: perAccount)
    }

    private func advanceAll() {
        let now = self.now()
        for key in self.accounts.keys {
            self.accounts[key]?.advance(to: now, timing: self.timing)
        }
    }
}
