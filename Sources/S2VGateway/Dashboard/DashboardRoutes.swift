import Foundation
import Hummingbird
import Logging
import NIOCore
import S2VCore
import S2VStore

/// The web dashboard, `/dashboard`: a sign-in form for a gateway key, a session in PostgreSQL (a cookie in the
/// browser), and one server-rendered page. An admin key sees every team; a team key sees its own team only.
/// Its failures are HTML pages, never the API's JSON.
struct DashboardRoutes: Sendable {
    /// The range shown without `?days=`.
    static let defaultDays = 30
    /// How many call-log rows the page lists.
    static let recentCallCount = 50

    let authenticator: DashboardAuthenticator
    let sessions: DashboardSessionRepository
    let dashboard: DashboardRepository
    let audit: AuditRepository
    let budgets: BudgetRepository
    let storeDeadline: Duration

    init(
        keys: APIKeyRepository,
        sessions: DashboardSessionRepository,
        dashboard: DashboardRepository,
        audit: AuditRepository,
        budgets: BudgetRepository,
        storeDeadline: Duration
    ) {
        self.sessions = sessions
        self.storeDeadline = storeDeadline
        self.authenticator = DashboardAuthenticator(keys: keys, sessions: sessions, storeDeadline: storeDeadline)
        self.dashboard = dashboard
        self.audit = audit
        self.budgets = budgets
    }

    /// Registers `/dashboard` and its sign-in and sign-out posts, in a group whose failures are HTML pages.
    func addRoutes(to router: some RouterMethods<GatewayRequestContext>) {
        let group = router.group("dashboard").add(middleware: DashboardErrorMiddleware())
        group.get(use: self.page)
        group.post("login", use: self.login)
        group.post("logout", use: self.logout)
    }

    /// `GET /dashboard[?days=N][&tag=KEY]`: the page, with spend by the values of tag `KEY` when given, or the
    /// sign-in form (401 when the credentials do not work).
    func page(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        switch try await self.authenticator.authenticate(request, logger: context.logger) {
        case .anonymous:
            return .html(SignInPage().render())
        case .refused(let message):
            var response = Response.html(SignInPage(message: message).render(), status: .unauthorized)
            if DashboardCookie.token(in: request) != nil { response.setCookie(DashboardCookie.cleared(for: request)) }
            return response
        case .signedIn(let caller):
            let days = DashboardRepository.clamped(
                request.uri.queryParameters.get("days", as: Int.self) ?? Self.defaultDays
            )
            let tagKey = request.uri.queryParameters.get("tag").flatMap { $0.isEmpty ? nil : $0 }
            if let tagKey {
                do {
                    try CostTags.Rules.check(key: tagKey)
                } catch {
                    throw ServiceError.invalidParameter("tag: \(error.message)")
                }
            }
            let content = try await self.content(for: caller, days: days, tagKey: tagKey, logger: context.logger)
            return .html(DashboardPage(content: content).render())
        }
    }

    /// `POST /dashboard/login` with a form field `key`: a session and a 303 to the page, or the form again (401).
    /// A post from another site is refused (403) before its body is read.
    func login(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        try Self.refuseCrossSite(request, context: context)
        let body = try await request.collectBody(upTo: 16 * 1024)
        let form = try? URLEncodedFormDecoder().decode(SignInForm.self, from: String(buffer: body))
        guard let key = form?.key.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty else {
            return .html(SignInPage(message: "Enter a gateway key.").render(), status: .unauthorized)
        }
        guard let caller = try await self.authenticator.signIn(key: key, logger: context.logger) else {
            return .html(SignInPage(message: "That key is unknown or revoked.").render(), status: .unauthorized)
        }
        let sessions = self.sessions
        let logger = context.logger
        let token = try await StoreDeadline.run(within: self.storeDeadline) {
            try await sessions.create(keyID: caller.keyID, logger: logger)
        }
        context.logger.info("dashboard sign-in", metadata: ["key_id": "\(caller.keyID)"])
        var response = Response(status: .seeOther, headers: [.location: "/dashboard", .cacheControl: "no-store"])
        response.setCookie(DashboardCookie.session(token, for: request))
        return response
    }

    /// `POST /dashboard/logout`: ends the session, forgets the cookie, and goes back to the sign-in form. A post
    /// from another site is refused (403).
    func logout(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        try Self.refuseCrossSite(request, context: context)
        if let token = DashboardCookie.token(in: request) {
            let sessions = self.sessions
            let logger = context.logger
            _ = try await StoreDeadline.run(within: self.storeDeadline) {
                try await sessions.delete(token, logger: logger)
            }
        }
        var response = Response(status: .seeOther, headers: [.location: "/dashboard", .cacheControl: "no-store"])
        response.setCookie(DashboardCookie.cleared(for: request))
        return response
    }

    /// Refuses a state-changing post that another site made the browser send (``CrossSiteRequestGuard``).
    private static func refuseCrossSite(_ request: Request, context: GatewayRequestContext) throws {
        do {
            try CrossSiteRequestGuard.check(request)
        } catch {
            context.logger.notice(
                "dashboard: cross-site post refused",
                metadata: [
                    "path": "\(request.uri.path)", "origin": "\(request.headers[.origin] ?? "-")",
                    "sec_fetch_site": "\(request.headers[CrossSiteRequestGuard.secFetchSite] ?? "-")",
                ]
            )
            throw error
        }
    }

    /// What `caller` may see: everything for an admin key, its own team for a team key.
    private func content(
        for caller: Caller,
        days: Int,
        tagKey: String?,
        logger: Logger
    ) async throws -> DashboardContent {
        let teamID: Int64?
        if caller.isAdmin {
            teamID = nil
        } else if let own = caller.teamID {
            teamID = own
        } else {
            // Unreachable by the schema (a non-admin key has a team); never fall back to everything.
            throw ServiceError.invalidApiKey("This key belongs to no team.")
        }
        let dashboard = self.dashboard
        let budgets = self.budgets
        let audit = self.audit
        // The page's reports read more than an API request; they get 10 s, or the store deadline if longer.
        return try await StoreDeadline.run(within: max(.seconds(10), self.storeDeadline)) {
            let currency = try await dashboard.currency(logger: logger)
            let daily = try await dashboard.spendPerDay(days: days, teamID: teamID, logger: logger)
            let teams = try await dashboard.spendPerTeam(days: days, teamID: teamID, logger: logger)
            let tagKeys = try await dashboard.tagKeys(days: days, teamID: teamID, logger: logger)
            var tagSpend: [TagSpend] = []
            if let tagKey {
                tagSpend = try await dashboard.spendPerTag(key: tagKey, days: days, teamID: teamID, logger: logger)
            }
            // A team key sees its team's and its keys' budgets, never the global one (other teams' spend).
            let statuses = try await budgets.status(teamID: teamID, logger: logger)
            // The audit trail's newest page: the call log has one row type, whoever reads it.
            let calls = try await audit.calls(
                CallFilter(teamID: teamID),
                cursor: nil,
                limit: Self.recentCallCount,
                logger: logger
            ).rows
            return DashboardContent(
                caller: caller,
                days: days,
                currency: currency,
                daily: daily,
                teams: teams,
                tagKeys: tagKeys,
                tagKey: tagKey,
                tagSpend: tagSpend,
                budgets: statuses,
                calls: calls,
                generatedAt: Date()
            )
        }
    }
}
