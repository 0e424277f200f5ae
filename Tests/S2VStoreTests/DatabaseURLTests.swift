import PostgresNIO
import S2VStore
import Testing

@Suite struct DatabaseURLTests {
    @Test func parsesHostPortUserAndDatabase() throws {
        let configuration = try DatabaseURL.configuration(
            from: "postgres://meter:s%40cret@db.internal:6543/billing?sslmode=disable"
        )
        #expect(configuration.host == "db.internal")
        #expect(configuration.port == 6543)
        #expect(configuration.username == "meter")
        #expect(configuration.password == "s@cret")
        #expect(configuration.database == "billing")
    }

    @Test func parsesUnixSocketFolder() throws {
        let configuration = try DatabaseURL.configuration(from: "postgresql://s2v_meter@/s2v?host=/tmp/pg")
        #expect(configuration.unixSocketPath == "/tmp/pg/.s.PGSQL.5432")
        #expect(configuration.database == "s2v")
    }

    @Test func refusesOtherSchemesAndModes() {
        #expect(throws: DatabaseURL.ParseError.self) { try DatabaseURL.configuration(from: "mysql://x@y/z") }
        #expect(throws: DatabaseURL.ParseError.self) {
            try DatabaseURL.configuration(from: "postgres://x@y/z?sslmode=bogus")
        }
        #expect(throws: DatabaseURL.ParseError.self) { try DatabaseURL.configuration(from: "postgres:///z") }
    }
}
