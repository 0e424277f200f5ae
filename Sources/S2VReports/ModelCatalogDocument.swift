import Foundation
import S2VCore
import S2VStore

/// The model catalog with the prices in force: `s2v-meter models list` and the admin API's `GET /v1/models`.
/// Amounts and seconds are exact decimal strings.
public struct ModelCatalogDocument: ReportDocument {
    struct Model: Encodable {
        struct PriceLine: Encodable {
            var tier: String
            var unit: String
            var unitPrice: String
            var currency: String
            var effectiveFrom: String
            var note: String

            enum CodingKeys: String, CodingKey {
                case tier, unit, currency, note
                case unitPrice = "unit_price"
                case effectiveFrom = "effective_from"
            }
        }

        var model: String
        var kind: String
        var endpoint: String
        var inputs: JSONValue
        var parameters: JSONValue
        var tierSource: String
        var tierField: String?
        var defaultTier: String?
        var billedUsageFields: [String]
        var reportedTierField: String?
        var maxBillableSeconds: String?
        var verdictField: String?
        var submissionsPerSecond: Int
        var maxConcurrentTasks: Int?
        var prices: [PriceLine]

        enum CodingKeys: String, CodingKey {
            case model, kind, endpoint, inputs, parameters, prices
            case tierSource = "tier_source"
            case tierField = "tier_field"
            case defaultTier = "default_tier"
            case billedUsageFields = "billed_usage_fields"
            case reportedTierField = "reported_tier_field"
            case maxBillableSeconds = "max_billable_seconds"
            case verdictField = "verdict_field"
            case submissionsPerSecond = "submissions_per_second"
            case maxConcurrentTasks = "max_concurrent_tasks"
        }
    }

    public let entries: [CatalogEntry]

    public init(entries: [CatalogEntry]) {
        self.entries = entries
    }

    public var csvHeader: [String] {
        [
            "model", "kind", "tier_from", "tier", "unit_price", "currency", "max_billable_seconds", "billed_by",
            "submissions_per_second", "max_concurrent_tasks",
        ]
    }

    /// One row per model and priced tier; a model without a price has one row with empty price columns.
    public var csvRows: [[String]] {
        self.lines.map { entry, price in
            let spec = entry.spec
            return [
                spec.name, spec.kind.rawValue, spec.tierSource.summary, price?.tier ?? "",
                price?.unitPrice.exactString ?? "", price?.currency ?? "", spec.maxBillableSeconds?.exactString ?? "",
                Self.billedBy(spec), String(spec.limits.submissionsPerSecond),
                spec.limits.maxConcurrentTasks.map(String.init) ?? "",
            ]
        }
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let models = self.entries.map(Self.model)
        return String(decoding: try encoder.encode(["models": models]), as: UTF8.self) + "\n"
    }

    public func table() -> String {
        let rows = self.lines.map { entry, price in
            let spec = entry.spec
            let priceText = price.map { "\($0.unitPrice.exactString) \($0.currency)/\($0.unit)" } ?? "UNPRICED"
            return [
                spec.name, spec.kind.rawValue, spec.tierSource.summary,
                price.map { $0.tier.isEmpty ? "-" : $0.tier } ?? "-",
                priceText, spec.maxBillableSeconds.map { "\($0.exactString) s" } ?? "-", Self.billedBy(spec),
                "\(spec.limits.submissionsPerSecond)/s"
                    + (spec.limits.maxConcurrentTasks.map { ", \($0) running" } ?? ""),
                price?.note ?? "",
            ]
        }
        return TextTable(
            header: ["MODEL", "KIND", "TIER FROM", "TIER", "PRICE", "HOLD FOR", "BILLED BY", "LIMITS", "NOTE"],
            rows: rows
        ).render()
    }

    /// Each model with each of its prices in force, or with none.
    private var lines: [(CatalogEntry, Price?)] {
        self.entries.flatMap { entry in
            entry.prices.isEmpty ? [(entry, nil)] : entry.prices.map { (entry, $0) }
        }
    }

    private static func billedBy(_ spec: ModelSpec) -> String {
        switch spec.kind {
        case .detect: "image (verdict: output.\(spec.verdictField ?? "?"))"
        case .generation:
            "usage." + spec.billedUsageFields.joined(separator: "|")
                + (spec.reportedTierField.map { ", tier: usage.\($0)" } ?? "")
        }
    }

    private static func model(_ entry: CatalogEntry) -> Model {
        let spec = entry.spec
        return Model(
            model: spec.name,
            kind: spec.kind.rawValue,
            endpoint: spec.endpoint,
            inputs: .object(spec.inputs.mapValues(\.json)),
            parameters: .object(spec.parameters.mapValues(\.json)),
            tierSource: spec.tierSource.source,
            tierField: spec.tierSource.field,
            defaultTier: spec.tierSource.defaultTier,
            billedUsageFields: spec.billedUsageFields,
            reportedTierField: spec.reportedTierField,
            maxBillableSeconds: spec.maxBillableSeconds?.exactString,
            verdictField: spec.verdictField,
            submissionsPerSecond: spec.limits.submissionsPerSecond,
            maxConcurrentTasks: spec.limits.maxConcurrentTasks,
            prices: entry.prices.map {
                Model.PriceLine(
                    tier: $0.tier,
                    unit: $0.unit,
                    unitPrice: $0.unitPrice.exactString,
                    currency: $0.currency,
                    effectiveFrom: ReportTime.instant($0.effectiveFrom),
                    note: $0.note
                )
            }
        )
    }
}
