/// Where one call to the upstream stands (`upstream_calls.state`). The intent is committed before the call is
/// sent; the call then succeeded or failed, or got no usable answer (unknown) and was later resolved from the
/// upstream's task list, or settled by rule after the unresolved-submission limit (unresolved). The column's
/// `CHECK` lists exactly these; `StoredStateTests` compares them.
public enum UpstreamCallState: String, CaseIterable, Sendable {
    case intent
    case succeeded
    case failed
    case unknown
    case resolved
    case unresolved
}
