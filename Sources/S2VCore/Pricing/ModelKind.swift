/// How a model is billed: per image checked, or per second of generated video.
public enum ModelKind: String, Sendable, Codable {
    case detect
    case generation

    public var unit: String {
        switch self {
        case .detect: "image"
        case .generation: "second"
        }
    }
}
