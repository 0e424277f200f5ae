/// Where a gateway instance reads an upstream account's key from. The key itself is never stored.
public enum UpstreamKeySource: Sendable, Equatable, CustomStringConvertible {
    /// An environment variable of the gateway process.
    case environment(String)
    /// A file (absolute path) holding the key; surrounding whitespace is ignored.
    case file(String)

    public var description: String {
        switch self {
        case .environment(let name): "env:\(name)"
        case .file(let path): "file:\(path)"
        }
    }
}
