/// Why a gateway refuses to start.
public enum GatewayStartupError: Error, CustomStringConvertible {
    /// Neither the process's own key nor any pool account (whose key this process can read) is available.
    case noUpstreamAccount

    public var description: String {
        switch self {
        case .noUpstreamAccount:
            "no upstream account: set DASHSCOPE_API_KEY (or DASHSCOPE_API_KEY_FILE), or add one with `s2v-meter accounts add` whose key this process can read"
        }
    }
}
