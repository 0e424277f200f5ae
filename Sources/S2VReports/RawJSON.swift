import Foundation
import S2VCore

/// A JSON document kept as PostgreSQL wrote it, re-encoded as a value (not a string) without losing the exact
/// text of its numbers: they are read as `Decimal`, never `Double`. Text that is not JSON is written as a string.
struct RawJSON: Encodable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    func encode(to encoder: any Encoder) throws {
        guard let value = JSONValue.parse(Data(self.text.utf8)) else {
            var container = encoder.singleValueContainer()
            try container.encode(self.text)
            return
        }
        try value.encode(to: encoder)
    }
}
