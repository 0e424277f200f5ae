import Foundation
import HTTPTypes
import Hummingbird
import S2VCore

/// Refuses cross-site posts to the dashboard's sign-in and sign-out with 403. The session cookie's
/// `SameSite=Strict` keeps other sites from riding a session, but not from creating one: a page elsewhere could
/// post its own key to `/dashboard/login` and sign the browser in as the attacker (login CSRF), or sign it out.
///
/// A browser says where a request comes from, and the guard believes it:
/// - `Sec-Fetch-Site`, when present, must be `same-origin` or `none` (typed or bookmarked);
/// - `Origin`, when present, must name the host and port the request was sent to: the `Host` header, or
///   `X-Forwarded-Host` when a proxy set it (a form post cannot set that header). `Origin: null` never matches.
///
/// A request with neither header (curl, scripts) passes: no browser sends a cross-site POST without `Origin`.
enum CrossSiteRequestGuard {
    static let refusal = ServiceError(
        status: 403,
        code: "Forbidden",
        message: "This request came from another site, so it was refused. Open the dashboard itself and sign in there."
    )

    /// Throws the refusal if `request` comes from another site.
    static func check(_ request: Request) throws(ServiceError) {
        if let site = request.headers[Self.secFetchSite]?.lowercased(), site != "same-origin", site != "none" {
            throw Self.refusal
        }
        guard let origin = request.headers[.origin] else { return }
        let forwarded = request.headers[Self.forwardedHost]?.split(separator: ",").first
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let host = forwarded ?? request.head.authority, Self.origin(origin, matches: host) else {
            throw Self.refusal
        }
    }

    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let forwardedHost = HTTPField.Name("X-Forwarded-Host")!

    /// Whether `origin` (`scheme://host[:port]`) names `host` (`host[:port]`), the port defaulting to the
    /// origin's scheme's in both.
    static func origin(_ origin: String, matches host: String) -> Bool {
        guard let url = URL(string: origin), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https",
            let originHost = url.host?.lowercased(), url.path.isEmpty || url.path == "/",
            let requested = URL(string: "\(scheme)://\(host)"), let requestedHost = requested.host?.lowercased(),
            requested.path.isEmpty, requested.user == nil
        else { return false }
        let defaultPort = scheme == "https" ? 443 : 80
        return originHost == requestedHost && (url.port ?? defaultPort) == (requested.port ?? defaultPort)
    }
}
