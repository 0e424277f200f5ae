import AsyncHTTPClient
import Foundation
import Logging
import PostgresNIO
import S2VCore
import S2VStore
import S2VTestSupport
import Testing

/// Issue 19: a budget on a tag is as hard as any other. A concurrent burst spread across two teams (one tagging
/// by its key's default, the other by the request's header) and two gateway processes admits exactly the holds
/// the budget fits.
@Suite struct TagBudgetBurstTests {
    static let body =
        #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/f.jpg","audio_url":"https://e.com/v.mp3?duration=5"},"parameters":{"resolution":"480P"}}"#
    /// 20 s × 0.071677 at 480P.
    static let hold = Decimal(string: "1.43354")!

    @Test(.timeLimit(.minutes(5)))
    func exactlyTheHoldsThatFitAreAdmittedAcrossTeamsAndProcesses() async throws {
        let (fitting, submissions) = (23, 300)
        let database = try await TestDatabase.make()
        let url = database.url
        let logger = Logger(label: "test")
        let (alpha, beta, betaUntagged) = try await database.withClient { client in
            let teams = TeamRepository(client: client)
            let keys = APIKeyRepository(client: client)
            let alphaTeam = try await teams.create(name: "tb-alpha", logger: logger)
            let betaTeam = try await teams.create(name: "tb-beta", logger: logger)
            let alpha = try await keys.create(
                teamID: alphaTeam.id,
                isAdmin: false,
                name: "",
                tags: try CostTags(["project": "launch"]),
                logger: logger
            ).1.value
            let beta = try await keys.create(teamID: betaTeam.id, isAdmin: false, name: "", logger: logger).1.value
            let untagged = try await keys.create(teamID: betaTeam.id, isAdmin: false, name: "", logger: logger).1.value
            return (alpha, beta, untagged)
        }
        let limit = Self.hold * Decimal(fitting)
        let set = try await CommandLineProcess.run([
            "budgets", "set", "--tag", "project=launch", "--limit", limit.exactString, "--period", "month",
            "--database-url", url,
        ])
        #expect(set.status == 0, "\(set.output)")
        #expect(set.output.contains("tag project=launch"), "\(set.output)")

        let processes = try await GatewayProcesses.start(
            databaseURL: url,
            upstreamKey: "sk-tag-burst",
            simulatorOptions: ["--generation-seconds", "3600"],
            serveOptions: ["--store-deadline", "30"]
        )
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 100
        configuration.timeout.connect = .seconds(60)
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let ports = processes.ports
        let callers: [(String, [(String, String)])] = [
            (alpha, []), (beta, [("X-S2V-Tags", "project=launch")]),
        ]
        let statuses = await withTaskGroup(of: (Int, String).self) { group in
            for index in 0..<submissions {
                let (key, headers) = callers[index % 2]
                group.addTask {
                    await BudgetBurstTests.submit(
                        http: http,
                        port: ports[(index / 2) % 2],
                        key: key,
                        body: Self.body,
                        headers: headers
                    )
                }
            }
            var statuses: [(Int, String)] = []
            for await status in group { statuses.append(status) }
            return statuses
        }
        // Spend without the tag is outside the tag's budget: still admitted once the tag's budget is full.
        let outside = await BudgetBurstTests.submit(http: http, port: ports[0], key: betaUntagged, body: Self.body)
        try await http.shutdown()

        let admitted = statuses.filter { $0.0 == 200 }.count
        let refused = statuses.filter { $0.0 == 403 && $0.1 == "BudgetExceeded" }.count
        #expect(
            admitted == fitting,
            "\(Dictionary(grouping: statuses.map { "\($0.0) \($0.1)" }, by: { $0 }).mapValues(\.count))"
        )
        #expect(refused == submissions - fitting)
        #expect(outside.0 == 200, "\(outside)")
        let (tagged, held, teams) = try await database.withClient { client in
            var result: (Int, Decimal, Int) = (0, 0, 0)
            let rows = try await client.query(
                """
                SELECT (SELECT count(*)::int FROM tasks WHERE tags = '{"project": "launch"}'),
                       (SELECT held FROM budget_usage),
                       (SELECT count(DISTINCT team_id)::int FROM tasks WHERE tags ? 'project')
                """
            )
            for try await row in rows.decode((Int, Decimal, Int).self) { result = row }
            return result
        }
        #expect(tagged == fitting)
        #expect(held == limit, "the budget counts exactly the admitted holds")
        #expect(teams == 2, "both teams' calls fell under the one tag budget")

        let verify = try await CommandLineProcess.run(["verify", "--database-url", url])
        #expect(verify.status == 0, "\(verify.output)")
        await processes.stop()
        try? await database.cluster.dropDatabase(database.name)
    }
}
