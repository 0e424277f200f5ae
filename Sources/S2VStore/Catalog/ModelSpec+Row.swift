import Foundation
import S2VCore

extension ModelSpec {
    /// The catalog's columns, in the order ``ModelCatalog`` selects them.
    static let columnList = """
        model, kind, endpoint, inputs::text, parameters::text, tier_source, tier_field, default_tier, \
        billed_usage_fields, reported_tier_field, max_billable_seconds, verdict_field, submissions_per_second, \
        max_concurrent_tasks
        """

    typealias Row = (
        String, String, String, String, String, String, String?, String?, [String], String?, Decimal?, String?, Int,
        Int?
    )

    /// A catalog row; nil when the database holds a row this build cannot read (it is then not served).
    init?(_ row: Row) {
        let (name, kind, endpoint, inputs, parameters, source, field, defaultTier, billed, reported, seconds) =
            (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10)
        guard let kind = ModelKind(rawValue: kind),
            let tierSource = TierSource(source: source, field: field, defaultTier: defaultTier),
            let inputs = Self.rules(inputs), let parameters = Self.rules(parameters)
        else { return nil }
        self.init(
            name: name,
            kind: kind,
            endpoint: endpoint,
            inputs: inputs,
            parameters: parameters,
            tierSource: tierSource,
            billedUsageFields: billed,
            reportedTierField: reported,
            maxBillableSeconds: seconds,
            verdictField: row.11,
            limits: ModelLimits(submissionsPerSecond: row.12, maxConcurrentTasks: row.13)
        )
    }

    /// Rules by field name, from their jsonb text.
    static func rules(_ text: String) -> [String: FieldRule]? {
        guard case .object(let object)? = JSONValue.parse(Data(text.utf8)) else { return nil }
        var rules: [String: FieldRule] = [:]
        for (name, value) in object {
            guard let rule = FieldRule(value) else { return nil }
            rules[name] = rule
        }
        return rules
    }

    /// Rules in their jsonb text.
    static func rulesText(_ rules: [String: FieldRule]) -> String {
        JSONValue.object(rules.mapValues(\.json)).text
    }
}
