import Foundation
import Hummingbird
import NIOCore
import S2VCore
import S2VReports
import S2VStore

/// The admin API for the model catalog, `/v1/models`: the same operations as `s2v-meter models`, for admin keys.
struct ModelRoutes: Sendable {
    let catalog: ModelCatalog
    /// This instance's cache, dropped as soon as a change is committed here; other instances hear of it by
    /// notification.
    let lookups: CachedLookups

    /// Registers the catalog operations on the admin group (`/v1`, admin keys only).
    func addRoutes(to admin: some RouterMethods<GatewayRequestContext>) {
        admin.get("models", use: self.list)
        admin.put("models/{model}", use: self.set)
    }

    /// `GET /v1/models`: the catalog with the prices in force, as `models list --format json`.
    func list(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let (catalog, logger) = (self.catalog, context.logger)
        let entries = try await context.withStore { try await catalog.entries(logger: logger) }
        return Self.json(try ModelCatalogDocument(entries: entries).json())
    }

    /// `PUT /v1/models/{model}`: adds the model shaped like `like`, or changes its figures; answers with the
    /// catalog entry as stored.
    func set(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let name = context.parameters.get("model") ?? ""
        let document = try await request.jsonDocument(context: context)
        let body = try document.value.requireObject()
        let known: Set<String> = [
            "like", "max_billable_seconds", "submissions_per_second", "max_concurrent_tasks", "default_tier",
        ]
        if let unknown = body.keys.sorted().first(where: { !known.contains($0) }) {
            throw ServiceError.invalidParameter(
                "Unknown field '\(unknown)'; accepted: \(known.sorted().joined(separator: ", "))."
            )
        }
        let seconds: Decimal?
        switch body["max_billable_seconds"] {
        case nil, .null?: seconds = nil
        case .string(let text)?: seconds = Decimal(exactly: text)
        case .number(let number)?: seconds = number
        default: seconds = nil
        }
        if body["max_billable_seconds"].map({ $0 != .null }) == true, (seconds ?? 0) <= 0 {
            throw ServiceError.invalidParameter("max_billable_seconds must be a positive decimal, such as \"30\".")
        }
        let changes = ModelChanges(
            maxBillableSeconds: seconds,
            submissionsPerSecond: try body.integer("submissions_per_second", at: "submissions_per_second").map(
                Int.init
            ),
            maxConcurrentTasks: try body.integer("max_concurrent_tasks", at: "max_concurrent_tasks").map(Int.init),
            defaultTier: try body.string("default_tier", at: "default_tier")
        )
        let like = try body.string("like", at: "like")
        let (catalog, actor, logger) = (self.catalog, context.caller.map { AdminActor.key($0.keyID) }, context.logger)
        let stored = try await context.withStore {
            try await catalog.set(name: name, like: like, changes: changes, actor: actor, logger: logger)
        }
        self.lookups.invalidateAll()
        let entries = try await context.withStore { try await catalog.entries(logger: logger) }
        let entry = entries.filter { $0.spec.name == stored.name }
        return Self.json(try ModelCatalogDocument(entries: entry).json())
    }

    private static func json(_ text: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}
