import PostgresNIO
import S2VStore

/// The repositories the gateway uses, all on one PostgreSQL client.
struct GatewayStore: Sendable {
    let keys: APIKeyRepository
    let prices: PriceRepository
    let metering: MeteringRepository
    let tasks: TaskQueries
    let callLog: CallLogRepository
    let teams: TeamRepository
    let budgets: BudgetRepository
    let limits: ClientLimitRepository
    let usage: UsageReportRepository
    let invoices: InvoiceRepository
    let audit: AuditRepository

    init(client: StoreClient) {
        self.keys = APIKeyRepository(client: client)
        self.prices = PriceRepository(client: client)
        self.metering = MeteringRepository(client: client)
        self.tasks = TaskQueries(client: client)
        self.callLog = CallLogRepository(client: client)
        self.teams = TeamRepository(client: client)
        self.budgets = BudgetRepository(client: client)
        self.limits = ClientLimitRepository(client: client)
        self.usage = UsageReportRepository(client: client)
        self.invoices = InvoiceRepository(client: client)
        self.audit = AuditRepository(client: client)
    }
}
