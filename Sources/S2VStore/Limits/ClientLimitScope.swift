/// Whom a client limit applies to.
public enum ClientLimitScope: Sendable, Equatable, CustomStringConvertible {
    case team(Int64)
    case key(Int64)

    public var description: String {
        switch self {
        case .team(let id): "team \(id)"
        case .key(let id): "key \(id)"
        }
    }
}
