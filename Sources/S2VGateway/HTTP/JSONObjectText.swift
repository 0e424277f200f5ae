/// The text of a JSON object assembled from members whose values are JSON text already (documents PostgreSQL
/// wrote), so that they are neither parsed nor re-encoded on the way to the client.
struct JSONObjectText {
    private var members: [String] = []

    /// Adds `key` with a value that is JSON text already.
    mutating func add(_ key: String, json value: String) {
        self.members.append(Self.quoted(key) + ":" + value)
    }

    /// Adds `key` with a string value.
    mutating func add(_ key: String, string value: String) {
        self.add(key, json: Self.quoted(value))
    }

    /// Adds the members of `object`, the text of a JSON object.
    mutating func add(membersOf object: String) {
        let inner = object.utf8.dropFirst().dropLast()
        guard object.utf8.first == UInt8(ascii: "{"), inner.contains(where: { $0 != UInt8(ascii: " ") }) else {
            return
        }
        self.members.append(String(decoding: inner, as: UTF8.self))
    }

    var text: String { "{" + self.members.joined(separator: ",") + "}" }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            case let control where control.value < 0x20:
                quoted +=
                    "\\u" + String(repeating: "0", count: 4 - String(control.value, radix: 16).count)
                    + String(control.value, radix: 16)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}
