import Foundation
import Logging
import PostgresNIO
import S2VCore
import S2VStore

/// A team with a key and the repositories to spend with it, on a test database.
struct LedgerFixture {
    let client: StoreClient
    let logger = Logger(label: "test")
    let team: Team
    let caller: Caller
    let generation: ModelSpec
    let price480: Price
    let detect: Price

    var metering: MeteringRepository { MeteringRepository(client: self.client) }
    var budgets: BudgetRepository { BudgetRepository(client: self.client) }

    static func make(_ client: StoreClient, team name: String = "acme") async throws -> LedgerFixture {
        let logger = Logger(label: "test")
        let team = try await TeamRepository(client: client).create(name: name, logger: logger)
        let (key, _) = try await APIKeyRepository(client: client).create(
            teamID: team.id,
            isAdmin: false,
            name: "",
            logger: logger
        )
        let prices = PriceRepository(client: client)
        guard let generation = try await ModelCatalog(client: client).spec(named: "wan2.2-s2v", logger: logger),
            let price480 = try await prices.current(model: "wan2.2-s2v", tier: "480P", logger: logger),
            let detect = try await prices.current(model: "wan2.2-s2v-detect", tier: "", logger: logger)
        else { throw DomainError.invalid("seed prices missing") }
        return LedgerFixture(
            client: client,
            team: team,
            caller: Caller(keyID: key.id, teamID: team.id, teamName: team.name, isAdmin: false),
            generation: generation,
            price480: price480,
            detect: detect
        )
    }

    /// Admits a 480P task now, through the metering path the gateway uses.
    @discardableResult
    func admit() async throws -> AdmittedTask {
        try await self.metering.admitGeneration(
            caller: self.caller,
            teamID: self.team.id,
            model: self.generation,
            price: self.price480,
            requestBody: "{}",
            logger: self.logger
        )
    }

    /// A 480P task admitted at a chosen instant, its hold written as the metering path writes it: a
    /// controllable clock for period tests.
    func admit(at instant: Date) async throws -> UUID {
        let id = UUID()
        let hold = self.price480.amount(for: 20)
        try await self.client.withTransaction(logger: self.logger) { connection in
            try await connection.query(
                """
                INSERT INTO tasks (id, team_id, key_id, model, tier, price_id, hold_amount, request, admitted_at)
                VALUES (\(id), \(self.team.id), \(self.caller.keyID), 'wan2.2-s2v', '480P', \(self.price480.id), \(hold),
                        '{}', \(instant))
                """,
                logger: self.logger
            )
            try await connection.query(
                """
                INSERT INTO ledger_entries (kind, team_id, key_id, task_id, model, tier, price_id, quantity, unit_price,
                                            amount, held, currency, attributed_at)
                VALUES ('hold', \(self.team.id), \(self.caller.keyID), \(id), 'wan2.2-s2v', '480P', \(self.price480.id), 20,
                        \(self.price480.unitPrice), 0, \(hold), 'USD', \(instant))
                """,
                logger: self.logger
            )
        }
        return id
    }

    /// One budget counter row, or nil.
    func usage(budget: Int64, periodStart: Date) async throws -> (spent: Decimal, held: Decimal)? {
        let rows = try await self.client.query(
            "SELECT spent, held FROM budget_usage WHERE budget_id = \(budget) AND period_start = \(periodStart)"
        )
        for try await row in rows.decode((Decimal, Decimal).self) { return row }
        return nil
    }

    static func instant(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }
}
