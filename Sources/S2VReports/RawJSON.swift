import Foundation

/// A JSON document kept as PostgreSQL wrote it, re-encoded as a value (not a string) without losing the exact
/// text of its numbers: numbers are decoded as `Decimal`, never `Double`.
struct RawJSON: Encodable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    func encode(to encoder: any Encoder) throws {
        guard let data = self.text.data(using: .utf8),
              let value = try? JSONDecoder().decode(JSONNode.self, from: data) else {
            var container = encoder.singleValueContainer()
            try container.encode(self.text)
            return
        }
        try value.encode(to: encoder)
    }
}

/// A decoded JSON value whose numbers are decimals.
private enum JSONNode: Codable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([JSONNode])
    case object([String: JSONNode])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode(Decimal.self) { self = .number(value) }
        else if let value = try? container.decode([JSONNode].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONNode].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
