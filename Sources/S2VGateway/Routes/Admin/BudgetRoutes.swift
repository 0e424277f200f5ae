import Foundation
import Hummingbird
import Logging
import S2VCore
import S2VReports
import S2VStore

/// The admin API for budgets, `/v1/budgets`: the same operations as `s2v-meter budgets`, for admin keys.
struct BudgetRoutes: Sendable {
    let budgets: BudgetRepository
    let teams: TeamRepository
    /// Where a webhook may point: public addresses, and the hosts of the `webhook-allow-hosts` setting.
    let webhookAddresses: WebhookAddressRule

    /// Registers the budget operations on the admin group (`/v1`, admin keys only).
    func addRoutes(to admin: some RouterMethods<GatewayRequestContext>) {
        admin.get("budgets", use: self.list)
        admin.post("budgets", use: self.set)
        admin.get("budgets/{budget_id}", use: self.get)
        admin.delete("budgets/{budget_id}", use: self.delete)
    }

    struct Listing: Encodable {
        var requestID: String
        var budgets: [BudgetStatusDocument]
        enum CodingKeys: String, CodingKey {
            case requestID = "request_id"
            case budgets
        }
    }

    struct Single: Encodable {
        var requestID: String
        var created: Bool?
        var budget: BudgetStatusDocument
        enum CodingKeys: String, CodingKey {
            case requestID = "request_id"
            case created, budget
        }
    }

    struct Deleted: Encodable {
        var requestID: String
        var deleted: Int64
        enum CodingKeys: String, CodingKey {
            case requestID = "request_id"
            case deleted
        }
    }

    /// `GET /v1/budgets`: every budget with its current period.
    func list(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let (budgets, logger) = (self.budgets, context.logger)
        let statuses = try await context.withStore { try await budgets.status(logger: logger) }
        return try .json(Listing(requestID: context.requestIDText, budgets: statuses.map(BudgetStatusDocument.init)))
    }

    /// `GET /v1/budgets/{id}`.
    func get(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let status = try await self.status(of: try Self.id(context), context: context)
        return try .json(Single(requestID: context.requestIDText, budget: BudgetStatusDocument(status)))
    }

    /// `POST /v1/budgets`: creates a budget, or changes the one with the same scope, period and zone.
    func set(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let body = try await BudgetRequestBody.read(request, context: context)
        guard let limit = body.limitAmount else {
            throw ServiceError.invalidParameter("limit must be a plain decimal amount, such as \"500\" or 49.99.")
        }
        let specification = try BudgetSpecification(
            scope: try await self.scope(of: body, context: context),
            limit: limit,
            period: try BudgetPeriod.parse(body.period),
            timezone: body.timezone ?? "UTC",
            alerts: try body.thresholds,
            webhookURL: body.webhookURL,
            webhookFormat: try WebhookFormat.parse(body.webhookFormat ?? "json"),
            webhookAddresses: self.webhookAddresses
        )
        let (budgets, actor, logger) = (self.budgets, context.caller.map { AdminActor.key($0.keyID) }, context.logger)
        let (budget, created) = try await context.withStore {
            try await budgets.set(specification, actor: actor, logger: logger)
        }
        let status = try await self.status(of: budget.id, context: context)
        return try .json(
            Single(requestID: context.requestIDText, created: created, budget: BudgetStatusDocument(status)),
            status: created ? .created : .ok
        )
    }

    /// `DELETE /v1/budgets/{id}`.
    func delete(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let id = try Self.id(context)
        let (budgets, actor, logger) = (self.budgets, context.caller.map { AdminActor.key($0.keyID) }, context.logger)
        guard try await context.withStore({ try await budgets.delete(id: id, actor: actor, logger: logger) }) else {
            throw Self.unknown(id)
        }
        return try .json(Deleted(requestID: context.requestIDText, deleted: id))
    }

    private func status(of id: Int64, context: GatewayRequestContext) async throws -> BudgetStatus {
        let (budgets, logger) = (self.budgets, context.logger)
        guard let status = try await context.withStore({ try await budgets.status(id: id, logger: logger) }).first
        else {
            throw Self.unknown(id)
        }
        return status
    }

    private func scope(of body: BudgetRequestBody, context: GatewayRequestContext) async throws -> BudgetScope {
        switch body.scope {
        case "global":
            return .global
        case "team":
            guard let name = body.team else {
                throw ServiceError.invalidParameter("A team budget needs \"team\": the team's name.")
            }
            return .team(id: try await self.teamID(named: name, context: context))
        case "tag":
            guard let tag = body.tag else {
                throw ServiceError.invalidParameter("A tag budget needs \"tag\": key=value, such as project=launch.")
            }
            let (key, value) = try CostTags.pair(tag)
            var teamID: Int64?
            if let name = body.team { teamID = try await self.teamID(named: name, context: context) }
            return .tag(key: key, value: value, teamID: teamID)
        case "key":
            guard let keyID = body.keyID else { throw ServiceError.invalidParameter("A key budget needs \"key_id\".") }
            return .key(id: keyID)
        default:
            throw ServiceError.invalidParameter("scope must be global, team, key or tag; got '\(body.scope)'.")
        }
    }

    private func teamID(named name: String, context: GatewayRequestContext) async throws -> Int64 {
        let (teams, logger) = (self.teams, context.logger)
        guard let team = try await context.withStore({ try await teams.find(name: name, logger: logger) }) else {
            throw ServiceError.invalidParameter("There is no team named '\(name)'.")
        }
        return team.id
    }

    private static func id(_ context: GatewayRequestContext) throws -> Int64 {
        let text = context.parameters.get("budget_id") ?? ""
        guard let id = Int64(text) else { throw ServiceError.invalidParameter("'\(text)' is not a budget id.") }
        return id
    }

    private static func unknown(_ id: Int64) -> ServiceError {
        .notFound("There is no budget with id \(id).")
    }
}
