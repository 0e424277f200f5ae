import Foundation

/// A JSON document built by hand, so key order and number text are exactly what we write.
///
/// Numbers carry their literal text: `Decimal` values are written from their exact decimal
/// representation (`10.23`, never `10.230000000000001`).
indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// An integer number.
    static func int(_ value: Int) -> JSONValue {
        .number(String(value))
    }

    /// An exact decimal number.
    static func decimal(_ value: Decimal) -> JSONValue {
        .number(value.exactText)
    }

    /// An exact decimal as a string (how the bill writes money).
    static func decimalString(_ value: Decimal) -> JSONValue {
        .string(value.exactText)
    }

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// The compact JSON text.
    func serialized() -> String {
        var output = ""
        self.write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .object(let members):
            output.append("{")
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(",") }
                Self.writeString(member.0, to: &output)
                output.append(":")
                member.1.write(to: &output)
            }
            output.append("}")
        case .array(let elements):
            output.append("[")
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(",") }
                element.write(to: &output)
            }
            output.append("]")
        case .string(let string):
            Self.writeString(string, to: &output)
        case .number(let text):
            output.append(text)
        case .bool(let value):
            output.append(value ? "true" : "false")
        case .null:
            output.append("null")
        }
    }

    private static func writeString(_ string: String, to output: inout String) {
        output.append("\"")
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case let control where control.value < 0x20:
                output.append(String(format: "\\u%04x", control.value))
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output.append("\"")
    }
}
