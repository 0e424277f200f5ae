/// The output tiers of `wan2.2-s2v`; each has its own price per second.
public enum Resolution: String, Sendable, CaseIterable, Codable {
    case p480 = "480P"
    case p720 = "720P"

    /// DashScope's default when a request names none.
    public static let `default` = Resolution.p480
}
