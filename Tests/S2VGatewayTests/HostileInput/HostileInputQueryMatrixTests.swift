import Foundation
import S2VTestSupport
import Testing

/// Every query parameter of every route that reads one, with every odd value of the fuzz pool, one at a time (so
/// no other parameter refuses the request first): never a 5xx, and every API refusal in the flat body. The seeded
/// run draws these combinations too, but too rarely to meet each one.
@Suite(.serialized) struct HostileInputQueryMatrixTests {
    @Test(.timeLimit(.minutes(30)), .sharesTheMachine(.load)) func everyOddValueOfEveryQueryParameterIsRefusedCleanly()
        async throws
    {
        let harness = try await GatewayHarness.start()
        let fixture = try await HostileInputFuzzTests.prepare(harness)
        let client = RawHTTPClient(port: harness.port)
        var requests: [HostileRequest] = []
        for route in FuzzRoute.allCases where !route.queryNames.isEmpty {
            for name in route.queryNames {
                // The admin key reaches the store for a team name; the task list answers team keys only.
                let key = route == .taskList ? fixture.teamKey : fixture.adminKey
                for value in QueryOddities.values {
                    requests.append(
                        HostileRequest(
                            origin: "query matrix",
                            route: route,
                            mutation: "\(name)=\(value)",
                            method: "GET",
                            target: route.path(id: "") + "?\(name)=\(value)",
                            headers: [("Authorization", "Bearer \(key)")],
                            body: nil,
                            expectation: .anyClientOutcome
                        )
                    )
                }
            }
        }
        let all = requests
        let exchanges = await FuzzRun.send(count: all.count, concurrency: 2, client: client) { all[$0] }
        var failures = 0
        for exchange in exchanges {
            guard let problem = HostileInputFuzzTests.problem(with: exchange) else { continue }
            failures += 1
            if failures <= HostileInputFuzzTests.shownFailures {
                #expect(Bool(false), "\(problem.detail)\n\(exchange.request.reproducer(keys: fixture.keyPlaceholders))")
            }
        }
        #expect(failures == 0, "\(failures) of \(exchanges.count) requests broke a rule")
        let statuses = Dictionary(grouping: exchanges.compactMap { $0.outcome.response?.status }, by: { $0 }).mapValues(
            \.count
        )
        print("query matrix: \(exchanges.count) requests, statuses \(statuses.sorted { $0.key < $1.key })")
        await harness.stop()
    }
}
