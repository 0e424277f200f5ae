/// Builds the fuzz run's requests from a seed: request `index` depends only on the seed and the index, so a failure
/// can be replayed alone. Routes and callers take turns (every route as a team key, an admin key, no key and a
/// garbage key); each request gets a body, query, path, header or method oddity, and those to paid routes and
/// budget changes always carry a body (or a budget id) that is certainly invalid.
struct HostileRequestGenerator: Sendable {
    let seed: UInt64
    let fixture: FuzzFixture

    /// Every route with every caller, the caller a route serves more often: team keys on the paid routes and the
    /// tasks, admin keys on budgets and metrics, both on reports.
    private static let turns: [(FuzzRoute, FuzzCaller)] = FuzzRoute.allCases.flatMap { route in
        FuzzCaller.allCases.flatMap { caller in
            Array(repeating: (route, caller), count: Self.weight(route, caller))
        }
    }

    private static func weight(_ route: FuzzRoute, _ caller: FuzzCaller) -> Int {
        switch (route, caller) {
        case (.faceDetect, .team), (.videoSynthesis, .team): 6
        case (.budgetSet, .admin), (.budgetDelete, .admin), (.budgetGet, .admin), (.budgetList, .admin),
            (.metrics, .admin):
            4
        case (.taskGet, .team), (.taskCancel, .team), (.taskList, .team): 3
        case (.usageReport, .admin), (.invoice, .admin), (.budgetReport, .admin), (.audit, .admin),
            (.auditChanges, .admin):
            3
        case (.usageReport, .team), (.invoice, .team), (.budgetReport, .team), (.audit, .team), (.auditChanges, .team):
            2
        case (.unknownDashScope, .team), (.unknownDashScope, .admin), (.unknownAdmin, .team), (.unknownAdmin, .admin): 2
        default: 1
        }
    }

    func request(_ index: Int) -> HostileRequest {
        var random = SeededGenerator(seed: self.seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let (route, caller) = Self.turns[index % Self.turns.count]
        var request = HostileRequest(
            origin: "S2V_FUZZ_SEED=\(self.seed) request #\(index)",
            route: route,
            mutation: "",
            method: route.method,
            target: route.path(id: ""),
            headers: [],
            body: nil,
            expectation: route.writes ? .refused : .anyClientOutcome
        )
        var oddities: [String] = []
        switch caller {
        case .team: request.headers.append(("Authorization", "Bearer \(self.fixture.teamKey)"))
        case .admin: request.headers.append(("Authorization", "Bearer \(self.fixture.adminKey)"))
        case .anonymous: break
        case .garbage:
            let token = [
                "s2v_garbage", "s2v_" + String(repeating: "0", count: 43), "sk-upstream-test", "x", "s2v_%00",
                "s2v_\(self.fixture.teamKey.dropFirst(4).reversed())",
            ].randomElement(using: &random)!
            request.headers.append(("Authorization", "Bearer \(token)"))
        }

        // Whether the request is malformed yet: a valid one gets a header oddity at the end.
        var odd = false
        switch route {
        case .faceDetect, .videoSynthesis, .budgetSet:
            let documents =
                switch route {
                case .faceDetect: BaseDocument.faceDetect()
                case .videoSynthesis: BaseDocument.videoSynthesis()
                default: BaseDocument.budget(team: self.fixture.teamName, keyID: self.fixture.teamKeyID)
                }
            let mutator = BodyMutator(document: documents.randomElement(using: &random)!, isBudget: route == .budgetSet)
            let (body, mutation) = mutator.mutate(using: &random)
            request.body = body
            oddities.append(mutation)
            odd = true
            request.headers.append(("Content-Type", "application/json"))
            if route == .videoSynthesis { request.headers.append(("X-DashScope-Async", "enable")) }
            if Int.random(in: 0..<10, using: &random) == 0 {
                request.target += "/"
                oddities.append("trailing slash")
            }
        case .budgetDelete, .budgetGet:
            odd = route == .budgetDelete || Bool.random(using: &random)
            let id =
                odd
                ? PathOddities.budgetID(existing: self.fixture.budgetIDs, using: &random)
                : String(self.fixture.budgetIDs.randomElement(using: &random)!)
            request.target = route.path(id: id)
            oddities.append("budget id \(id.prefix(40))")
        case .taskGet, .taskCancel:
            let id = PathOddities.taskID(fixture: self.fixture, using: &random)
            odd = id != self.fixture.taskID
            request.target = route.path(id: id)
            oddities.append("task id \(id.prefix(40))")
        case .unknownDashScope, .unknownAdmin:
            let path = PathOddities.unknownPath(using: &random)
            request.target = route.path(id: path)
            request.method = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"].randomElement(using: &random)!
            oddities.append("unknown path \(path.prefix(40))")
            odd = true
        case .dashboardLogin:
            request.headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            let key = [
                "%00", "", "%ZZ", self.fixture.teamKey, self.fixture.adminKey + "%00",
                String(repeating: "k", count: 10_000),
                "%E6%97%A5", "a&key=b", "\(self.fixture.teamKey)&key=\(self.fixture.adminKey)",
            ].randomElement(using: &random)!
            let bodies: [[UInt8]] = [
                Array("key=\(key)".utf8), Array("kee=\(key)".utf8), [0xFF, 0xFE, 0x00],
                Array("{\"key\":\"\(key)\"}".utf8), [],
            ]
            request.body = bodies.randomElement(using: &random)!
            oddities.append("sign-in form with key \(key.prefix(20).debugDescription)")
            odd = key != self.fixture.teamKey
        default:
            break
        }

        // One more oddity, most often in the query for routes that read one.
        let roll = Int.random(in: 0..<10, using: &random)
        if !route.queryNames.isEmpty && roll < 6 || roll == 0 {
            let query = QueryOddities.query(names: route.queryNames, using: &random)
            request.target += "?" + query
            oddities.append("query ?\(query.prefix(60))")
        }
        if roll >= 6 || !odd && route.queryNames.isEmpty && roll != 0 {
            oddities.append(HeaderOddities.apply(to: &request.headers, fixture: self.fixture, using: &random))
        }
        if !route.writes, route.method == "GET", Int.random(in: 0..<12, using: &random) == 0 {
            // Methods no route of this path answers (never DELETE or POST: on /v1/budgets those change budgets).
            request.method = ["PUT", "PATCH", "OPTIONS", "TRACE"].randomElement(using: &random)!
            oddities.append("method \(request.method)")
        }
        if request.body == nil, Int.random(in: 0..<10, using: &random) == 0 {
            let mutator = BodyMutator(document: BaseDocument.faceDetect()[0], isBudget: false)
            let (body, mutation) = mutator.mutate(using: &random)
            request.body = body
            oddities.append("a body (\(mutation))")
        }
        if let body = request.body, !body.isEmpty, Int.random(in: 0..<12, using: &random) == 0 {
            request.body = Self.chunked(body, using: &random)
            request.headers.append(("Transfer-Encoding", "chunked"))
            oddities.append("chunked")
        }
        request.mutation = oddities.joined(separator: "; ")
        return request
    }

    /// `body` in well-formed chunks of random sizes.
    static func chunked(_ body: [UInt8], using random: inout some RandomNumberGenerator) -> [UInt8] {
        var encoded: [UInt8] = []
        var rest = body[...]
        while !rest.isEmpty {
            let size = min(rest.count, Int.random(in: 1...4_096, using: &random))
            encoded += Array("\(String(size, radix: 16))\r\n".utf8) + rest.prefix(size) + Array("\r\n".utf8)
            rest = rest.dropFirst(size)
        }
        return encoded + Array("0\r\n\r\n".utf8)
    }
}
