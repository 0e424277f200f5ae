/// Where a call's price tier comes from.
public enum TierSource: Sendable, Equatable {
    /// The model has one price, tier `""`.
    case none
    /// A field of `parameters`, such as wan2.2-s2v's `resolution`, with the upstream's default when absent.
    case parameter(field: String, default: String?)
    /// The aspect ratio of a box of `input`, such as emo-v1's `ext_bbox`: `1:1`, `3:4`.
    case boxRatio(field: String)

    /// The catalog's columns `tier_source`, `tier_field`, `default_tier`.
    public init?(source: String, field: String?, defaultTier: String?) {
        switch (source, field) {
        case ("none", nil): self = .none
        case ("parameter", let field?): self = .parameter(field: field, default: defaultTier)
        case ("box_ratio", let field?): self = .boxRatio(field: field)
        default: return nil
        }
    }

    public var source: String {
        switch self {
        case .none: "none"
        case .parameter: "parameter"
        case .boxRatio: "box_ratio"
        }
    }

    public var field: String? {
        switch self {
        case .none: nil
        case .parameter(let field, _), .boxRatio(let field): field
        }
    }

    public var defaultTier: String? {
        if case .parameter(_, let value) = self { return value }
        return nil
    }

    /// Where the tier is read from, for messages: `parameters.resolution`, `the ratio of input.ext_bbox`.
    public var origin: String {
        switch self {
        case .none: "the model"
        case .parameter(let field, _): "parameters.\(field)"
        case .boxRatio(let field): "the ratio of input.\(field)"
        }
    }

    /// How a person reads it in the catalog: `parameters.resolution (default 480P)`, `the ratio of input.ext_bbox`,
    /// `—`.
    public var summary: String {
        switch self {
        case .none: "—"
        case .parameter(_, let value?): "\(self.origin) (default \(value))"
        default: self.origin
        }
    }
}
