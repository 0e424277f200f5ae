import Logging
import PostgresNIO
import Synchronization

/// The connection pool every part of s2v-meter reaches PostgreSQL through: a `PostgresClient` that is replaced
/// by a fresh one when it stops answering, so that recovery after an outage of any length takes seconds.
///
/// PostgresNIO's pool retries a failed connection after 100 ms × 1.25ⁿ, up to a minute, and in the meantime
/// opens no other connection: after a two-minute outage it notices that the database is back 10–30 s late. It
/// has no setting for that backoff. So the client watches its own operations; when some have waited over
/// ``Renewal/suspectAfter`` and none succeeded since, it asks the pool a `SELECT 1`. If that gets no answer
/// either, the pool is replaced by a new one, whose backoff starts again at 100 ms (at most once per
/// ``Renewal/interval``, so during a long outage the newest pool is never older than that). The replaced pool
/// keeps serving what it already leased, and is stopped after ``Renewal/retirement``.
///
/// Its methods are those of `PostgresClient` that the store uses, with the same meaning.
public final class StoreClient: Sendable {
    /// When the pool is replaced.
    public struct Renewal: Sendable {
        /// How long an operation may wait, with no other succeeding, before the pool is asked a `SELECT 1`.
        public var suspectAfter: Duration = .seconds(1)
        /// How long that `SELECT 1` may take before the pool counts as not answering.
        public var probeDeadline: Duration = .seconds(2)
        /// The least time between two replacements.
        public var interval: Duration = .seconds(5)
        /// How long a replaced pool goes on serving the operations it had leased before it is stopped.
        public var retirement: Duration = .seconds(30)

        public init() {}
    }

    /// How long the pools may take to close their connections once told to stop before they are abandoned.
    /// Short: a database that does not answer a close in 3 s will not answer it at all, and `serve` promises to
    /// exit within its shutdown grace plus a few seconds.
    public static let shutdownGrace: Duration = .seconds(3)

    private let configuration: PostgresClient.Configuration
    private let backgroundLogger: Logger
    private let logger: Logger
    private let renewal: Renewal
    private let state: Mutex<State>
    private let closeWatch = ConnectionCloseWatch()

    private struct State {
        var current: PostgresClient
        /// How many times the pool was replaced.
        var renewals = 0
        var lastRenewal: ContinuousClock.Instant?
        var lastSuccess = ContinuousClock.now
        /// Operations waiting for the pool: when each began.
        var waiting: [Int: ContinuousClock.Instant] = [:]
        /// Whether an operation gave up without an answer (cancelled at its deadline, a connection error) since
        /// the last answer.
        var unanswered = false
        var nextOperation = 0
        /// The `run()` of every pool still running: the current one and those retiring.
        var pools: [ObjectIdentifier: Task<Void, Never>] = [:]
        /// Operations under way on each pool, from their wait for it to the release of their connection.
        var busy: [ObjectIdentifier: Int] = [:]
        var stopping = false
    }

    /// - Parameters:
    ///   - backgroundLogger: the pools' own log.
    ///   - logger: where replacements and abandoned pools are reported; the background logger when nil.
    public init(
        configuration: PostgresClient.Configuration,
        backgroundLogger: Logger,
        logger: Logger? = nil,
        renewal: Renewal = Renewal()
    ) {
        self.configuration = configuration
        self.backgroundLogger = backgroundLogger
        self.logger = logger ?? backgroundLogger
        self.renewal = renewal
        self.state = Mutex(
            State(current: PostgresClient(configuration: configuration, backgroundLogger: backgroundLogger))
        )
    }

    /// How many times the pool was replaced since the client started.
    public var renewals: Int {
        self.state.withLock { $0.renewals }
    }

    // MARK: - The operations

    /// `PostgresClient.query`, with the rows read in full before the connection goes back to the pool.
    ///
    /// PostgresNIO 1.33 never ends a query written on a connection that has closed: the write fails where nobody
    /// looks, and the answer it waits for never comes, cancelled or not. After a database restart its pool can
    /// still lease such a connection for a moment. So each statement is sent on a leased connection checked to be
    /// open, and given up once that connection has closed (``withConnection(_:)``); its rows are read while it is
    /// leased.
    @discardableResult
    public func query(
        _ query: PostgresQuery,
        logger: Logger? = nil,
        file: String = #fileID,
        line: Int = #line
    ) async throws -> StoreRows {
        try await self.withConnection { connection in
            let rows = try await connection.query(query, logger: logger ?? Self.silent, file: file, line: line)
            return StoreRows(try await rows.collect())
        }
    }

    /// A prepared statement (PostgresNIO prepares it once per connection, then only binds and executes it), its
    /// rows read in full while the connection is leased, as ``query(_:logger:file:line:)`` does.
    ///
    /// Once the connection is leased, the statement is sent and its rows read in a task of its own, which the
    /// caller's cancellation does not reach: a statement on the wire runs to its end and commits whatever the
    /// caller does, so its result must arrive too. A caller that stopped waiting (a store deadline) can then still
    /// learn that its write committed, and undo it; cancelled mid-read, it would have seen an error instead.
    @discardableResult
    public func execute<Statement: PostgresPreparedStatement>(
        _ statement: Statement,
        logger: Logger? = nil,
        file: String = #fileID,
        line: Int = #line
    ) async throws -> [Statement.Row] where Statement.Row: Sendable {
        try await self.executeNotingSend(statement, logger: logger, file: file, line: line).rows
    }

    /// ``execute(_:logger:file:line:)``, with when the statement was sent: after the connection was leased, so
    /// that a wait for the pool does not count (an upstream slot's timing, `ReservedSlot`, depends on it).
    public func executeNotingSend<Statement: PostgresPreparedStatement>(
        _ statement: Statement,
        logger: Logger? = nil,
        file: String = #fileID,
        line: Int = #line
    ) async throws -> (rows: [Statement.Row], sentAt: ContinuousClock.Instant) where Statement.Row: Sendable {
        try await self.withConnection { connection in
            let logger = logger ?? Self.silent
            let sentAt = ContinuousClock.now
            let sent = Task {
                var rows: [Statement.Row] = []
                for try await row in try await connection.execute(statement, logger: logger, file: file, line: line) {
                    rows.append(row)
                }
                return rows
            }
            return (try await sent.value, sentAt)
        }
    }

    /// `PostgresClient.withConnection`; throws ``StoreConnectionClosed`` rather than lend a connection that has
    /// closed (see ``query(_:logger:file:line:)``), or than wait for ever for a closure that wrote to the
    /// connection just after it closed: the closure runs in a task of its own, which the caller's cancellation
    /// reaches, and the caller stops waiting for it once the connection has been closed for a moment
    /// (``ConnectionCloseWatch``).
    public func withConnection<Result: Sendable>(
        _ closure: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let (client, operation) = self.beginWaiting()
        defer {
            self.endWaiting(operation, answered: false)
            self.finish(on: client)
        }
        return try await client.withConnection { connection in
            guard !connection.isClosed else { throw StoreConnectionClosed() }
            // A connection leased is the pool answering, however long the closure then takes.
            self.endWaiting(operation, answered: true)
            return try await self.closeWatch.run(on: connection) { try await closure(connection) }
        }
    }

    /// A transaction: `BEGIN`, the closure, then `COMMIT`, or `ROLLBACK` when the closure throws, whose own error
    /// is rethrown as it is. Unlike PostgresNIO's `withTransaction`, it sends no `ROLLBACK` on a connection that
    /// has closed (the server rolled back already), which would never return (see ``query(_:logger:file:line:)``).
    public func withTransaction<Result: Sendable>(
        logger: Logger,
        file: String = #fileID,
        line: Int = #line,
        _ closure: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await self.withConnection { connection in
            try await connection.query("BEGIN;", logger: logger, file: file, line: line)
            let result: Result
            do {
                result = try await closure(connection)
            } catch {
                if !connection.isClosed {
                    _ = try? await connection.query("ROLLBACK;", logger: logger, file: file, line: line)
                }
                throw error
            }
            guard !connection.isClosed else { throw StoreConnectionClosed() }
            try await connection.query("COMMIT;", logger: logger, file: file, line: line)
            return result
        }
    }

    /// A listener on `channel` over a connection of its own, opened with this client's configuration.
    public func changeListener(channel: String) -> ChangeListener {
        ChangeListener(configuration: self.configuration, channel: channel, logger: self.backgroundLogger)
    }

    static let silent = Logger(label: "s2v-meter.store.silent", factory: { _ in SwiftLogNoOpLogHandler() })

    // MARK: - Running

    /// Runs the pool, and its replacements, until the calling task is cancelled; then stops them all, waiting
    /// at most ``shutdownGrace`` for their connections to close.
    ///
    /// PostgresNIO 1.33's pool does not finish shutting down while a connection slot is backing off after failed
    /// attempts (vapor/postgres-nio#599): after the database was unreachable for a while, its `run()` can wait
    /// forever. Past the grace such a pool is abandoned with a warning, so that a gateway stops when told to
    /// whatever state its pool is in.
    public func run() async {
        await self.run(onStarted: {})
    }

    /// ``run()``, calling `onStarted` once the first pool runs.
    func run(onStarted: () -> Void) async {
        let first = self.state.withLock { $0.current }
        await self.launch(first)
        onStarted()
        await self.watch()
        let pools = self.state.withLock { state in
            state.stopping = true
            return Array(state.pools.values)
        }
        for pool in pools { pool.cancel() }
        let stopped = await TaskDeadline.wait(
            for: Task { for pool in pools { await pool.value } },
            atMost: Self.shutdownGrace
        )
        if !stopped {
            self.logger.warning(
                "the database client did not close its connections in time; abandoned",
                metadata: ["grace": "\(Self.shutdownGrace)"]
            )
        }
    }

    /// Starts `client.run()` and returns once it has begun, so that queries made next do not find it idle.
    private func launch(_ client: PostgresClient) async {
        let (started, signal) = AsyncStream.makeStream(of: Void.self)
        let running = Task {
            signal.finish()
            await client.run()
        }
        for await _ in started {}
        await Task.yield()
        let stopping = self.state.withLock { state in
            state.pools[ObjectIdentifier(client)] = running
            return state.stopping
        }
        if stopping { running.cancel() }
    }

    /// Looks at the pool twice a second until cancelled, and replaces it when it stopped answering.
    private func watch() async {
        while (try? await Task.sleep(for: .milliseconds(500))) != nil {
            guard let client = self.suspect() else { continue }
            if await self.answers(client) {
                self.state.withLock { state in
                    state.lastSuccess = .now
                    state.unanswered = false
                }
            } else {
                await self.replace(client)
            }
        }
    }

    /// The current pool, when none of its operations was answered for ``Renewal/suspectAfter`` while one
    /// waited that long or gave up without an answer.
    private func suspect() -> PostgresClient? {
        let now = ContinuousClock.now
        return self.state.withLock { state in
            guard now - state.lastSuccess >= self.renewal.suspectAfter else { return nil }
            let waitedLong = state.waiting.values.min().map { now - $0 >= self.renewal.suspectAfter } ?? false
            guard waitedLong || state.unanswered else { return nil }
            return state.current
        }
    }

    /// Whether `client` answers a `SELECT 1` within ``Renewal/probeDeadline``.
    private func answers(_ client: PostgresClient) async -> Bool {
        let answered = Atomic(false)
        let probe = Task {
            guard (try? await client.query("SELECT 1", logger: self.backgroundLogger)) != nil else { return }
            answered.store(true, ordering: .relaxed)
        }
        let ended = await TaskDeadline.wait(for: probe, atMost: self.renewal.probeDeadline)
        if !ended { probe.cancel() }
        return answered.load(ordering: .relaxed)
    }

    /// Replaces `stale` by a fresh pool, unless it was already replaced or the last replacement is too recent.
    private func replace(_ stale: PostgresClient) async {
        let now = ContinuousClock.now
        let due = self.state.withLock { state in
            state.current === stale && !state.stopping
                && state.lastRenewal.map { now - $0 >= self.renewal.interval } ?? true
        }
        guard due else { return }
        let fresh = PostgresClient(configuration: self.configuration, backgroundLogger: self.backgroundLogger)
        await self.launch(fresh)
        let (renewals, retiring) = self.state.withLock { state in
            state.current = fresh
            state.renewals += 1
            state.lastRenewal = now
            return (state.renewals, state.pools[ObjectIdentifier(stale)])
        }
        self.logger.warning(
            "the database pool stopped answering; replaced by a fresh one",
            metadata: [
                "renewals": "\(renewals)", "retired_in": "\(self.renewal.retirement)",
            ]
        )
        let retirement = self.renewal.retirement
        Task {
            // Stopping a pool closes the connections it has leased, and PostgresNIO 1.33 never ends a query on a
            // connection closed under it: the stale pool is stopped only once nothing uses it (a dispatch round
            // holding its account lock on it, say), and a second later, for rows still being read.
            try? await Task.sleep(for: retirement)
            while self.state.withLock({ $0.busy[ObjectIdentifier(stale), default: 0] > 0 }) {
                try? await Task.sleep(for: .seconds(1))
            }
            try? await Task.sleep(for: .seconds(1))
            // Not waited for: a pool stuck in its backoff may never finish stopping (see ``run()``).
            retiring?.cancel()
            _ = self.state.withLock { $0.pools.removeValue(forKey: ObjectIdentifier(stale)) }
        }
    }

    // MARK: - Keeping count

    private func beginWaiting() -> (PostgresClient, Int) {
        self.state.withLock { state in
            state.nextOperation += 1
            state.waiting[state.nextOperation] = .now
            state.busy[ObjectIdentifier(state.current), default: 0] += 1
            return (state.current, state.nextOperation)
        }
    }

    /// Ends an operation's wait; `answered` when the pool answered it. Only the first call for an operation counts.
    private func endWaiting(_ operation: Int, answered: Bool) {
        self.state.withLock { state in
            guard state.waiting.removeValue(forKey: operation) != nil else { return }
            if answered {
                state.lastSuccess = .now
                state.unanswered = false
            } else {
                state.unanswered = true
            }
        }
    }

    /// Ends an operation on `client`'s pool, once its connection is released.
    private func finish(on client: PostgresClient) {
        self.state.withLock { state in
            let pool = ObjectIdentifier(client)
            let left = state.busy[pool, default: 1] - 1
            state.busy[pool] = left > 0 ? left : nil
        }
    }
}
