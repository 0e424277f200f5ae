import DashScopeSimulator
import Foundation
import NIOHTTP1
import PostgresNIO
import S2VStore
import S2VTestSupport
import Testing

/// Issue 13's seeded fuzz run: thousands of malformed requests over real HTTP, on every route, as a team key, an
/// admin key, no key and a garbage key, then framing oddities over raw sockets. None may get a 5xx; every API error
/// has the flat body; the store and the upstream are untouched; every API request is in the call log.
///
/// `S2V_FUZZ_SEED=<n> S2V_FUZZ_REQUESTS=<n> swift test --filter HostileInputFuzzTests` runs it longer or replays one.
@Suite(.serialized) struct HostileInputFuzzTests {
    /// Failures shown one by one with a reproducer; the rest are counted.
    static let shownFailures = 25

    @Test(.timeLimit(.minutes(30)), .sharesTheMachine(.load))
    func malformedRequestsOnEveryRouteNeverGetA5xxAndChangeNothing() async throws {
        let settings = FuzzSettings.fromEnvironment()
        let harness = try await GatewayHarness.start()
        let fixture = try await Self.prepare(harness)
        let store = try await StoreSnapshot.take(harness.client)
        let bill = await harness.simulator.simulator.bill()
        let stats = await harness.simulator.simulator.stats()
        let callsBefore = try await Self.callLogCount(harness)

        let client = RawHTTPClient(port: harness.port)
        let generator = HostileRequestGenerator(seed: settings.seed, fixture: fixture)
        let started = ContinuousClock.now
        let exchanges = await FuzzRun.send(
            count: settings.requests,
            concurrency: settings.concurrency,
            client: client,
            make: generator.request
        )
        let elapsed = ContinuousClock.now - started

        // Each request on its own: no 5xx, no acceptance of what is certainly invalid, the flat error body.
        var problems: [String: Int] = [:]
        var shown = 0
        for exchange in exchanges {
            guard let problem = Self.problem(with: exchange) else { continue }
            problems[problem.kind, default: 0] += 1
            if shown < Self.shownFailures {
                shown += 1
                #expect(Bool(false), "\(problem.detail)\n\(exchange.request.reproducer(keys: fixture.keyPlaceholders))")
            }
        }
        #expect(
            problems.isEmpty,
            "\(problems.values.reduce(0, +)) of \(exchanges.count) requests broke a rule (seed \(settings.seed)): \(problems)"
        )

        // Every API request is in the call log, under the request id its answer gave.
        let api = exchanges.filter(\.request.isAPI)
        let callsAfter = try await Self.callLogCount(harness)
        #expect(
            callsAfter - callsBefore == api.count,
            "call log rows added: \(callsAfter - callsBefore); API requests sent: \(api.count)"
        )
        let logged = try await Self.loggedRequestIDs(harness)
        let unlogged = api.filter { exchange in
            guard let body = exchange.outcome.response?.body, let id = FlatErrorBody.requestID(in: body) else {
                return false
            }
            return !logged.contains(id.lowercased())
        }
        for exchange in unlogged.prefix(Self.shownFailures) {
            #expect(
                Bool(false),
                "answered but not in the call log:\n\(exchange.request.reproducer(keys: fixture.keyPlaceholders))"
            )
        }
        #expect(unlogged.isEmpty, "\(unlogged.count) API requests whose request_id is not in the call log")

        // HTTP framing oddities over raw sockets.
        for framing in FramingCase.all(teamKey: fixture.teamKey, adminKey: fixture.adminKey) {
            let outcome = await client.exchange(
                framing.wire(port: harness.port),
                deadline: .seconds(30),
                stopAtContinue: framing.expectation == .tooLargeBeforeBody
            )
            if let problem = Self.problem(with: framing, outcome: outcome) {
                let shownReproducer = framing.reproducer
                    .replacingOccurrences(of: fixture.teamKey, with: "$TEAM_KEY")
                    .replacingOccurrences(of: fixture.adminKey, with: "$ADMIN_KEY")
                #expect(Bool(false), "\(problem)\n\(shownReproducer)")
            }
        }

        // Nothing refused reached the store's money, tasks or budgets, or the upstream.
        let storeAfter = try await StoreSnapshot.take(harness.client)
        #expect(storeAfter == store, "changed by refused requests: \(storeAfter.differences(from: store))")
        #expect(await harness.simulator.simulator.bill() == bill, "the upstream billed something during the run")
        let statsAfter = await harness.simulator.simulator.stats()
        #expect(
            statsAfter.total == stats.total,
            "the upstream received requests during the run: \(stats.total) → \(statsAfter.total)"
        )

        let statuses = Dictionary(grouping: exchanges.compactMap { $0.outcome.response?.status }, by: { $0 }).mapValues(
            \.count
        )
        print(
            "hostile input fuzz: seed \(settings.seed), \(exchanges.count) requests in \(elapsed), statuses \(statuses.sorted { $0.key < $1.key })"
        )
        await harness.stop()
    }

    // MARK: Judging

    struct Problem {
        var kind: String
        var detail: String
    }

    static func problem(with exchange: FuzzRun.Exchange) -> Problem? {
        let request = exchange.request
        guard let response = exchange.outcome.response else {
            return Problem(kind: "no answer", detail: "no answer: \(exchange.outcome)")
        }
        let excerpt = String(response.text.prefix(300))
        if response.status >= 500 {
            return Problem(kind: "5xx", detail: "\(response.status) for client input: \(excerpt)")
        }
        if request.expectation == .refused, (200..<300).contains(response.status) {
            return Problem(
                kind: "accepted invalid",
                detail: "\(response.status) for a request that is certainly invalid: \(excerpt)"
            )
        }
        if request.isAPI, !(200..<300).contains(response.status), FlatErrorBody(response.body) == nil {
            return Problem(
                kind: "not the flat error body",
                detail: "\(response.status) without DashScope's flat error body: \(excerpt.debugDescription)"
            )
        }
        return nil
    }

    static func problem(with framing: FramingCase, outcome: RawHTTPClient.Outcome) -> String? {
        let response = outcome.response
        let flat = response.flatMap { FlatErrorBody($0.body) }
        switch framing.expectation {
        case .badRequest:
            guard let response, response.status == 400, flat?.code == "InvalidParameter" else {
                return "malformed chunked framing: want 400 InvalidParameter (flat body), got \(Self.describe(outcome))"
            }
        case .tooLargeBeforeBody:
            guard let response, response.status == 413, flat?.code == "InvalidParameter" else {
                return
                    "a declared body over 64 KiB: want 413 InvalidParameter (flat body) before the body is sent, got \(Self.describe(outcome))"
            }
        case .tooLarge:
            guard let response, [400, 413].contains(response.status), flat?.code == "InvalidParameter" else {
                return
                    "a body over 64 KiB: want 413 (or 400) InvalidParameter (flat body), got \(Self.describe(outcome))"
            }
        case .refusedOrClosed:
            if let response, response.status >= 500 { return "a malformed head got \(Self.describe(outcome))" }
        }
        return nil
    }

    static func describe(_ outcome: RawHTTPClient.Outcome) -> String {
        switch outcome {
        case .response(let response): "\(response.status) \(String(response.text.prefix(200)).debugDescription)"
        case .continued: "100 Continue (the gateway asked for the body)"
        case .closed(let received):
            "the connection closed after \(received.count) bytes: \(HostileRequest.escape(received, limit: 200))"
        case .timedOut(let received):
            "no answer within the deadline (\(received.count) bytes: \(HostileRequest.escape(received, limit: 200)))"
        case .failed(let reason): "no connection: \(reason)"
        }
    }

    // MARK: Fixture

    /// A team with a key, an admin key, two budgets, and one detect and one task, settled, so that reads find rows.
    static func prepare(_ harness: GatewayHarness) async throws -> FuzzFixture {
        let teamName = "fuzz-team"
        let (teamKey, teamKeyID) = try await harness.makeTeamKeyWithID(teamName)
        let adminKey = try await harness.makeAdminKey()
        for body in [
            #"{"scope":"team","team":"fuzz-team","limit":"1000","period":"month","timezone":"Asia/Shanghai"}"#,
            #"{"scope":"global","limit":"100000","period":"day"}"#,
        ] {
            let created = try await harness.send(.POST, "/v1/budgets", key: adminKey, body: body)
            try #require(created.status == 201, "\(created.text)")
        }
        try #require(try await harness.detect(key: teamKey).status == 200)
        let submitted = try await harness.submit(key: teamKey, seconds: "4.2", resolution: "720P")
        let taskID = try #require(submitted.output["task_id"] as? String, "\(submitted.text)")
        try await harness.waitUntilAllSettled()
        var budgetIDs: [Int64] = []
        for try await id in try await harness.client.query("SELECT id FROM budgets").decode(Int64.self) {
            budgetIDs.append(id)
        }
        return FuzzFixture(
            port: harness.port,
            teamName: teamName,
            teamKey: teamKey,
            teamKeyID: teamKeyID,
            adminKey: adminKey,
            taskID: taskID,
            budgetIDs: budgetIDs
        )
    }

    static func callLogCount(_ harness: GatewayHarness) async throws -> Int {
        var count = 0
        for try await value in try await harness.client.query("SELECT count(*) FROM call_log").decode(Int64.self) {
            count = Int(value)
        }
        return count
    }

    static func loggedRequestIDs(_ harness: GatewayHarness) async throws -> Set<String> {
        var ids: Set<String> = []
        for try await id in try await harness.client.query("SELECT request_id::text FROM call_log").decode(String.self)
        { ids.insert(id) }
        return ids
    }
}
