import NIOHTTP1
import Testing

@Suite("API keys")
struct AuthenticationTests {
    @Test("a request without a key gets 401 InvalidApiKey, No API-key provided.")
    func missingKey() async throws {
        try await withSimulator { sim throws in
            let api = sim.api(key: nil)
            try await api.detect().expectError(status: 401, code: "InvalidApiKey", message: "No API-key provided.")
            try await api.synthesize().expectError(status: 401, code: "InvalidApiKey", message: "No API-key provided.")
            try await api.task("x").expectError(status: 401, code: "InvalidApiKey", message: "No API-key provided.")
            try await api.list().expectError(status: 401, code: "InvalidApiKey", message: "No API-key provided.")
            try await api.cancel("x").expectError(status: 401, code: "InvalidApiKey", message: "No API-key provided.")
        }
    }

    @Test("a request with an unknown key gets 401 InvalidApiKey, Invalid API-key provided.")
    func invalidKey() async throws {
        try await withSimulator { sim throws in
            let api = sim.api(key: "sk-not-configured")
            try await api.detect().expectError(status: 401, code: "InvalidApiKey", message: "Invalid API-key provided.")
            try await api.synthesize().expectError(
                status: 401,
                code: "InvalidApiKey",
                message: "Invalid API-key provided."
            )
            try await api.task("x").expectError(
                status: 401,
                code: "InvalidApiKey",
                message: "Invalid API-key provided."
            )
            try await api.list().expectError(status: 401, code: "InvalidApiKey", message: "Invalid API-key provided.")
            try await api.cancel("x").expectError(
                status: 401,
                code: "InvalidApiKey",
                message: "Invalid API-key provided."
            )
            let notBearer = try await sim.api(key: nil).send(
                .POST,
                TestAPI.detectPath,
                body: "{}",
                headers: [("Authorization", "Basic \(SimulatorHarness.key)")]
            )
            try notBearer.expectError(status: 401, code: "InvalidApiKey", message: "Invalid API-key provided.")
        }
    }

    @Test("every configured key is accepted")
    func everyKeyAccepted() async throws {
        try await withSimulator { sim throws in
            #expect(try await sim.api(key: SimulatorHarness.key).detect().status == 200)
            #expect(try await sim.api(key: SimulatorHarness.otherKey).detect().status == 200)
        }
    }

    @Test("the simulator's own endpoints need no key")
    func simEndpointsOpen() async throws {
        try await withSimulator { sim throws in
            #expect(try await sim.api(key: nil).send(.GET, "/sim/bill").status == 200)
            #expect(try await sim.api(key: nil).send(.GET, "/sim/stats").status == 200)
        }
    }

    @Test("an unknown route gets 404 with the flat error body")
    func unknownRoute() async throws {
        try await withSimulator { sim throws in
            try await sim.api().send(.GET, "/api/v1/nothing/here").expectError(status: 404, code: "NotFound")
        }
    }
}
