import PostgresNIO
import S2VStore

/// The repositories the gateway uses, all on one PostgreSQL client. This is the one place they are built:
/// routes, middlewares and background services are handed the ones they need.
struct GatewayStore: Sendable {
    let keys: APIKeyRepository
    let prices: PriceRepository
    let catalog: ModelCatalog
    /// Keys, models and prices as this instance caches them for requests (see `ChangeFeed`).
    let lookups: CachedLookups
    let metering: MeteringRepository
    let tasks: TaskQueries
    let callLog: CallLogRepository
    let teams: TeamRepository
    let budgets: BudgetRepository
    let limits: ClientLimitRepository
    let usage: UsageReportRepository
    let invoices: InvoiceRepository
    let audit: AuditRepository
    let accounts: AccountRepository
    /// Reserves the accounts' slots (`upstream_pacing`) for every call sent upstream: the dispatcher's, the
    /// poller's, the reconciler's and the face-detect route's.
    let pacing: UpstreamPacing
    let alertOutbox: AlertOutbox
    let figures: StoreFiguresRepository
    let dashboard: DashboardRepository
    let dashboardSessions: DashboardSessionRepository

    init(client: StoreClient, lookupLifetime: Duration = CachedLookups.lifetime, metricsTagKeys: [String] = []) {
        self.keys = APIKeyRepository(client: client)
        self.prices = PriceRepository(client: client)
        self.catalog = ModelCatalog(client: client)
        self.lookups = CachedLookups(keys: self.keys, catalog: self.catalog, lifetime: lookupLifetime)
        self.metering = MeteringRepository(client: client)
        self.tasks = TaskQueries(client: client)
        self.callLog = CallLogRepository(client: client)
        self.teams = TeamRepository(client: client)
        self.budgets = BudgetRepository(client: client)
        self.limits = ClientLimitRepository(client: client)
        self.usage = UsageReportRepository(client: client)
        self.invoices = InvoiceRepository(client: client)
        self.audit = AuditRepository(client: client)
        self.accounts = AccountRepository(client: client)
        self.pacing = UpstreamPacing(client: client)
        self.alertOutbox = AlertOutbox(client: client)
        self.figures = StoreFiguresRepository(client: client, tagKeys: metricsTagKeys)
        self.dashboard = DashboardRepository(client: client)
        self.dashboardSessions = DashboardSessionRepository(client: client)
    }
}
