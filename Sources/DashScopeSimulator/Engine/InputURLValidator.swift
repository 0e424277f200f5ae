import Foundation

/// Checks `input.*_url` values the way upstream documents them.
enum InputURLValidator {
    /// Accepts public `http(s)` URLs, and `oss://` URLs only when the caller sent
    /// `X-DashScope-OssResourceResolve: enable`.
    static func validate(_ value: String, field: String, ossResolve: Bool) throws(DashScopeError) {
        guard let components = URLComponents(string: value), let scheme = components.scheme?.lowercased() else {
            throw .invalidParameter("The \(field) is not a valid URL.")
        }
        switch scheme {
        case "http", "https":
            guard let host = components.host, !host.isEmpty else {
                throw .invalidParameter("The \(field) is not a valid URL.")
            }
        case "oss":
            guard ossResolve else {
                throw .invalidParameter(
                    "InternalError.Algo.InvalidParameter: The provided URL does not appear to be valid. Ensure it is correctly formatted."
                )
            }
        default:
            throw .invalidParameter("The \(field) must be a public HTTP or HTTPS URL.")
        }
    }
}
