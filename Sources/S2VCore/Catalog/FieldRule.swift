import Foundation

/// How one field of a request's `input` or `parameters` object is checked, as the catalog stores it (jsonb):
/// `{"type": "choice", "values": ["normal", "calm"]}`. A field a model's rules do not name is forwarded untouched.
public struct FieldRule: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A media URL: http(s), or `oss://` from the SDK's upload.
        case url
        /// A box `[x1, y1, x2, y2]` of 4 whole numbers, x1 < x2 and y1 < y2, as a detect returns it.
        case box
        /// One of `values`.
        case choice
        /// A number within `minimum`…`maximum`.
        case number
        /// A whole number within `minimum`…`maximum`.
        case integer
        case boolean
        case text
    }

    public var kind: Kind
    /// Absent or null is refused.
    public var required: Bool
    public var values: [String]
    public var minimum: Decimal?
    public var maximum: Decimal?
    /// Other names the field may be sent under (the SDK's `img_url` for `image_url`).
    public var aliases: [String]

    public init(
        _ kind: Kind,
        required: Bool = false,
        values: [String] = [],
        minimum: Decimal? = nil,
        maximum: Decimal? = nil,
        aliases: [String] = []
    ) {
        self.kind = kind
        self.required = required
        self.values = values
        self.minimum = minimum
        self.maximum = maximum
        self.aliases = aliases
    }
}

extension FieldRule {
    /// Reads a rule from its catalog form; nil when it is not one.
    public init?(_ value: JSONValue) {
        guard case .object(let object) = value, let type = object["type"]?.stringValue,
            let kind = Kind(rawValue: type)
        else { return nil }
        let allowed: Set<String> = ["type", "required", "values", "minimum", "maximum", "aliases"]
        guard Set(object.keys).isSubset(of: allowed) else { return nil }
        var required = false
        if let flag = object["required"] {
            guard case .bool(let value) = flag else { return nil }
            required = value
        }
        guard let values = Self.strings(object["values"]), let aliases = Self.strings(object["aliases"]) else {
            return nil
        }
        if kind == .choice, values.isEmpty { return nil }
        let minimum = object["minimum"]?.decimalValue
        let maximum = object["maximum"]?.decimalValue
        if (object["minimum"] != nil && minimum == nil) || (object["maximum"] != nil && maximum == nil) { return nil }
        self.init(kind, required: required, values: values, minimum: minimum, maximum: maximum, aliases: aliases)
    }

    /// The catalog form.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["type": .string(self.kind.rawValue)]
        if self.required { object["required"] = .bool(true) }
        if !self.values.isEmpty { object["values"] = .array(self.values.map(JSONValue.string)) }
        if let minimum { object["minimum"] = .number(minimum) }
        if let maximum { object["maximum"] = .number(maximum) }
        if !self.aliases.isEmpty { object["aliases"] = .array(self.aliases.map(JSONValue.string)) }
        return .object(object)
    }

    private static func strings(_ value: JSONValue?) -> [String]? {
        guard let value else { return [] }
        guard case .array(let items) = value else { return nil }
        let strings = items.compactMap(\.stringValue)
        return strings.count == items.count ? strings : nil
    }
}
