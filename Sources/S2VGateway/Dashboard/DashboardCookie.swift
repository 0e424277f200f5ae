import HTTPTypes
import Hummingbird
import S2VCore
import S2VStore

/// The session cookie: `HttpOnly` (no script can read it), `SameSite=Strict` (no other site can make the browser
/// send it, which also guards the POST forms against cross-site requests) and `Path=/dashboard`.
///
/// `Secure` is set only when the request reached a TLS-terminating proxy (`X-Forwarded-Proto: https`): the
/// gateway itself speaks plain HTTP, and a `Secure` cookie would not come back over plain HTTP to a host other
/// than localhost, so local use would break. Behind HTTPS the cookie never travels in clear.
enum DashboardCookie {
    static let name = "s2v_dashboard"
    static let path = "/dashboard"

    /// The cookie that carries a new session.
    static func session(_ token: DashboardSessionToken, for request: Request) -> Cookie {
        Cookie(
            name: Self.name,
            value: token.value,
            maxAge: Int(DashboardSessionRepository.lifetime.components.seconds),
            path: Self.path,
            secure: Self.isSecure(request),
            httpOnly: true,
            sameSite: .strict
        )
    }

    /// A cookie that makes the browser forget the session.
    static func cleared(for request: Request) -> Cookie {
        Cookie(
            name: Self.name,
            value: "deleted",
            maxAge: 0,
            path: Self.path,
            secure: Self.isSecure(request),
            httpOnly: true,
            sameSite: .strict
        )
    }

    /// The session token the request carries, if any.
    static func token(in request: Request) -> DashboardSessionToken? {
        guard let value = request.cookies[Self.name]?.value, !value.isEmpty, value != "deleted" else { return nil }
        return DashboardSessionToken(value: value)
    }

    /// Whether the browser reached us over HTTPS, through a proxy that says so.
    static func isSecure(_ request: Request) -> Bool {
        guard let name = HTTPField.Name("X-Forwarded-Proto"), let proto = request.headers[name] else { return false }
        return proto.lowercased() == "https"
    }
}
