import Foundation
import Logging
import S2VStore

/// The upstream accounts this instance can use, each with its limits for every model of the catalog: the accounts of the pool table (`s2v-meter accounts`) whose
/// key this process can read, plus the serve command's own key as the account `upstreamAccount` unless the
/// table names that account too. Re-read every few seconds, so `accounts add` and `remove` reach every
/// running instance without a restart.
actor AccountPool {
    static let refreshInterval: Duration = .seconds(5)

    private let repository: AccountRepository
    private let catalog: ModelCatalog
    private let upstream: UpstreamClient
    private let configured: ResolvedAccount?
    private let environment: [String: String]
    private let logger: Logger
    private var cached: [ResolvedAccount] = []
    private var refreshedAt: ContinuousClock.Instant?
    private var unreadable: Set<String> = []
    private var duplicates: Set<String> = []

    /// - Parameters:
    ///   - upstream: the client the accounts' clients are made from (base URL, timeout); its key is unused.
    ///   - environment: where `key_env` accounts' keys are read.
    init(
        repository: AccountRepository,
        catalog: ModelCatalog,
        upstream: UpstreamClient,
        configuration: GatewayConfiguration,
        environment: [String: String],
        logger: Logger
    ) {
        self.repository = repository
        self.catalog = catalog
        self.upstream = upstream
        self.configured = configuration.upstreamAPIKey.map {
            ResolvedAccount(
                name: configuration.upstreamAccount,
                limits: configuration.accountLimits,
                upstream: upstream.with(key: $0),
                removed: false
            )
        }
        self.environment = environment
        self.logger = logger
    }

    /// Accounts that take new work, by name.
    func live() async throws -> [ResolvedAccount] {
        try await self.all().filter { !$0.removed }
    }

    /// Every usable account, removed ones included (their tasks are still polled), by name.
    func all() async throws -> [ResolvedAccount] {
        if let refreshedAt, ContinuousClock.now - refreshedAt < Self.refreshInterval { return self.cached }
        let stored = try await self.repository.list(includingRemoved: true, logger: self.logger)
        // Each model's limits on each account: the catalog's, under the account's overrides.
        let catalog = try await self.catalog.limits(logger: self.logger)
        let overrides = try await self.repository.modelOverrides(logger: self.logger)
        var accounts: [ResolvedAccount] = []
        // Limits, locks and pacing are kept per account name: one key under two names would get twice its
        // limits, so a key already in use under another name is skipped (live accounts and the table win).
        var keysInUse: Set<String> = []
        for account in stored {  // live accounts first (the repository orders them so)
            guard let key = self.readKey(account) else { continue }
            guard keysInUse.insert(key.secret).inserted else {
                self.warnOnce("upstream account uses the same key as another account; skipped", account: account.name)
                continue
            }
            accounts.append(
                ResolvedAccount(
                    name: account.name,
                    limits: account.limits.resolved(catalog: catalog, overrides: overrides[account.name] ?? [:]),
                    upstream: self.upstream.with(key: key),
                    removed: account.removedAt != nil
                )
            )
        }
        if let configured, !stored.contains(where: { $0.name == configured.name }) {
            if let key = configured.upstream.apiKey, keysInUse.contains(key.secret) {
                self.warnOnce(
                    "DASHSCOPE_API_KEY is also a pool account's key; used under the pool's name only",
                    account: configured.name
                )
            } else {
                accounts.append(
                    ResolvedAccount(
                        name: configured.name,
                        limits: configured.limits.resolved(
                            catalog: catalog,
                            overrides: overrides[configured.name] ?? [:]
                        ),
                        upstream: configured.upstream,
                        removed: false
                    )
                )
            }
        }
        self.cached = accounts.sorted { $0.name < $1.name }
        self.refreshedAt = .now
        return self.cached
    }

    /// The account a task was sent to, if this instance can use it.
    func account(named name: String) async throws -> ResolvedAccount? {
        try await self.all().first { $0.name == name }
    }

    private func warnOnce(_ message: Logger.Message, account: String) {
        guard self.duplicates.insert(account).inserted else { return }
        self.logger.warning(message, metadata: ["account": "\(account)"])
    }

    private func readKey(_ account: UpstreamAccount) -> UpstreamAPIKey? {
        let secret: String?
        switch account.keySource {
        case .environment(let variable):
            secret = self.environment[variable]
        case .file(let path):
            secret = try? String(contentsOfFile: path, encoding: .utf8)
        }
        guard let key = secret?.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty else {
            if self.unreadable.insert(account.name).inserted {
                self.logger.warning(
                    "upstream account's key is not readable here; account skipped by this instance",
                    metadata: ["account": "\(account.name)", "key_source": "\(account.keySource)"]
                )
            }
            return nil
        }
        self.unreadable.remove(account.name)
        return UpstreamAPIKey(secret: key)
    }
}
