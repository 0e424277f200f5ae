import Foundation

/// A model of the catalog (the `models` table): everything the gateway needs to validate, price, hold, dispatch
/// and settle its calls. A new model of a known shape is a new row, not new code.
public struct ModelSpec: Sendable, Equatable {
    public var name: String
    public var kind: ModelKind
    /// The upstream path under `/services/aigc/`: `image2video/face-detect` or `image2video/video-synthesis`.
    public var endpoint: String
    /// Rules for the fields of `input`, by name.
    public var inputs: [String: FieldRule]
    /// Rules for the fields of `parameters`, by name.
    public var parameters: [String: FieldRule]
    public var tierSource: TierSource
    /// The usage fields that carry the billed seconds; the first present is billed.
    public var billedUsageFields: [String]
    /// A usage field in which the upstream reports the tier it billed (emo-v1's `video_ratio`).
    public var reportedTierField: String?
    /// The longest video billed, which sizes a generation's hold; nil for a detect model.
    public var maxBillableSeconds: Decimal?
    /// The output field that carries a detect's verdict: `check_pass`, or LivePortrait's `pass`.
    public var verdictField: String?
    /// The upstream's default limits for the model, per account.
    public var limits: ModelLimits

    public init(
        name: String,
        kind: ModelKind,
        endpoint: String,
        inputs: [String: FieldRule],
        parameters: [String: FieldRule],
        tierSource: TierSource,
        billedUsageFields: [String],
        reportedTierField: String?,
        maxBillableSeconds: Decimal?,
        verdictField: String?,
        limits: ModelLimits
    ) {
        self.name = name
        self.kind = kind
        self.endpoint = endpoint
        self.inputs = inputs
        self.parameters = parameters
        self.tierSource = tierSource
        self.billedUsageFields = billedUsageFields
        self.reportedTierField = reportedTierField
        self.maxBillableSeconds = maxBillableSeconds
        self.verdictField = verdictField
        self.limits = limits
    }

    /// The endpoint of each kind; the catalog keeps them consistent.
    public static func endpoint(of kind: ModelKind) -> String {
        switch kind {
        case .detect: "image2video/face-detect"
        case .generation: "image2video/video-synthesis"
        }
    }
}
