import Logging
import S2VCore
import S2VStore

/// What every request reads and almost never changes — gateway keys, models and prices — kept by this instance
/// for at most one second, and dropped at once when another instance or the CLI changes them (``ChangeFeed``).
///
/// The bounds: a revoked key stops working on every instance within one second of its revocation's commit; a new
/// price applies from its effective time exactly if it was set at least a second before, and within a second of
/// being set otherwise (the snapshot holds every version, future ones included).
struct CachedLookups: Sendable {
    /// How long an entry is kept: the bound on seeing a change when its notification is missed.
    static let lifetime: Duration = .seconds(1)

    let keys: APIKeyRepository
    let catalog: ModelCatalog
    private let callers: ReadThroughCache<[UInt8], Caller?>
    private let snapshots: ReadThroughCache<Int, CatalogSnapshot>

    /// - Parameter lifetime: ``lifetime``; tests lengthen it to see the notifications alone at work.
    init(keys: APIKeyRepository, catalog: ModelCatalog, lifetime: Duration = Self.lifetime) {
        self.keys = keys
        self.catalog = catalog
        self.callers = ReadThroughCache(lifetime: lifetime)
        self.snapshots = ReadThroughCache(lifetime: lifetime, capacity: 1)
    }

    /// The caller a key belongs to, or nil for an unknown or revoked key.
    func caller(for secret: APIKeySecret, logger: Logger) async throws -> Caller? {
        try await self.callers.value(for: secret.hash) {
            try await self.keys.authenticate(secret, logger: logger)
        }
    }

    /// Every model and price version.
    func snapshot(logger: Logger) async throws -> CatalogSnapshot {
        try await self.snapshots.value(for: 0) { try await self.catalog.snapshot(logger: logger) }
    }

    /// Drops what was read from `table` (a name the change notifications carry); anything else drops everything.
    func invalidate(table: String) {
        switch table {
        case "api_keys", "teams": self.callers.invalidateAll()
        case "models", "prices": self.snapshots.invalidateAll()
        default: self.invalidateAll()
        }
    }

    func invalidateAll() {
        self.callers.invalidateAll()
        self.snapshots.invalidateAll()
    }
}
