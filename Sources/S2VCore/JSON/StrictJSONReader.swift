import Foundation

/// The one reader of client bodies: strict RFC 8259, so that no other JSON reader (PostgreSQL's `jsonb`, the
/// upstream's, an SDK's) can see a different document in the same bytes.
///
/// It refuses what readers disagree on: bytes that are not UTF-8 (a byte-order mark, UTF-16 or UTF-32,
/// malformed sequences), a key twice in one object at any depth, trailing commas, U+0000 (PostgreSQL cannot
/// store it), unpaired surrogate escapes, raw control characters in strings, nesting deeper than
/// `maximumDepth`, and numbers that cannot be held exactly (`Decimal`'s 38 significant digits, magnitudes within
/// 10^±`maximumExponent`). Everything it accepts, every conforming reader reads the same way.
public struct StrictJSONReader {
    /// How deeply arrays and objects may nest.
    public static let maximumDepth = 64
    /// The largest power of ten a number may reach, either way.
    public static let maximumExponent = 90
    /// Significant digits a number may have: what `Decimal` holds exactly.
    public static let maximumDigits = 38

    private let bytes: [UInt8]
    private var offset = 0
    /// Where the reader is, for messages: `$`, `$.parameters`, `$.input.urls[2]`.
    private var path: [String] = []

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads one JSON value that fills `data`, or says precisely why it is refused.
    public static func read(_ data: some Collection<UInt8>) throws(StrictJSONError) -> JSONValue {
        var reader = StrictJSONReader(bytes: Array(data))
        try reader.checkEncoding()
        reader.skipWhitespace()
        let value = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        guard reader.offset == reader.bytes.count else {
            throw reader.failure("unexpected data after the JSON value")
        }
        return value
    }

    private func checkEncoding() throws(StrictJSONError) {
        guard !self.bytes.isEmpty else { throw StrictJSONError(reason: "the body is empty", offset: 0) }
        if self.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw StrictJSONError(
                reason: "the body starts with a UTF-8 byte-order mark; send UTF-8 without one",
                offset: 0
            )
        }
        if self.bytes.starts(with: [0xFE, 0xFF]) || self.bytes.starts(with: [0xFF, 0xFE])
            || self.bytes.prefix(4).contains(0)
        {
            throw StrictJSONError(
                reason: "the body is not UTF-8 (it looks like UTF-16 or UTF-32); send UTF-8",
                offset: 0
            )
        }
    }

    // MARK: Values

    private mutating func readValue(depth: Int) throws(StrictJSONError) -> JSONValue {
        guard let byte = self.peek() else { throw self.failure("the body ends where a value was expected") }
        switch byte {
        case UInt8(ascii: "{"): return try self.readObject(depth: depth + 1)
        case UInt8(ascii: "["): return try self.readArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try self.readString())
        case UInt8(ascii: "t"):
            try self.expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try self.expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try self.expectWord("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try self.readNumber())
        default: throw self.failure("unexpected \(Self.describe(byte)) where a value was expected")
        }
    }

    private mutating func readObject(depth: Int) throws(StrictJSONError) -> JSONValue {
        try self.checkDepth(depth)
        self.offset += 1
        var object: [String: JSONValue] = [:]
        self.skipWhitespace()
        if self.peek() == UInt8(ascii: "}") {
            self.offset += 1
            return .object(object)
        }
        while true {
            guard self.peek() == UInt8(ascii: "\"") else {
                throw self.failure(
                    object.isEmpty ? "expected a key in double quotes" : "expected a key after ',' (no trailing commas)"
                )
            }
            let key = try self.readString()
            guard object[key] == nil else {
                throw self.failure("duplicate key \(Self.quoted(key)) in \(self.pathText)")
            }
            self.skipWhitespace()
            guard self.peek() == UInt8(ascii: ":") else {
                throw self.failure("expected ':' after key \(Self.quoted(key))")
            }
            self.offset += 1
            self.skipWhitespace()
            self.path.append("." + Self.shown(key))
            object[key] = try self.readValue(depth: depth)
            self.path.removeLast()
            self.skipWhitespace()
            switch self.next() {
            case UInt8(ascii: ","): self.skipWhitespace()
            case UInt8(ascii: "}"): return .object(object)
            default: throw self.failure("expected ',' or '}' in \(self.pathText)", at: self.offset - 1)
            }
        }
    }

    private mutating func readArray(depth: Int) throws(StrictJSONError) -> JSONValue {
        try self.checkDepth(depth)
        self.offset += 1
        var array: [JSONValue] = []
        self.skipWhitespace()
        if self.peek() == UInt8(ascii: "]") {
            self.offset += 1
            return .array(array)
        }
        while true {
            if self.peek() == UInt8(ascii: "]") { throw self.failure("a trailing comma in \(self.pathText)") }
            self.path.append("[\(array.count)]")
            array.append(try self.readValue(depth: depth))
            self.path.removeLast()
            self.skipWhitespace()
            switch self.next() {
            case UInt8(ascii: ","): self.skipWhitespace()
            case UInt8(ascii: "]"): return .array(array)
            default: throw self.failure("expected ',' or ']' in \(self.pathText)", at: self.offset - 1)
            }
        }
    }

    private func checkDepth(_ depth: Int) throws(StrictJSONError) {
        guard depth <= Self.maximumDepth else {
            throw self.failure("arrays and objects nest deeper than \(Self.maximumDepth) levels")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(StrictJSONError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard self.bytes[self.offset...].starts(with: expected) else {
            throw self.failure("unexpected \(Self.describe(self.bytes[self.offset])) where a value was expected")
        }
        self.offset += expected.count
    }

    // MARK: Strings

    private mutating func readString() throws(StrictJSONError) -> String {
        let start = self.offset
        self.offset += 1
        var scalars: [UInt8] = []
        while true {
            guard let byte = self.next() else { throw self.failure("a string is not closed", at: start) }
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: scalars, as: UTF8.self) else {
                    throw self.failure("a string is not valid UTF-8", at: start)
                }
                return text
            case UInt8(ascii: "\\"):
                try self.readEscape(into: &scalars)
            case 0x00:
                throw self.failure("a string contains U+0000 (NUL), which is not accepted", at: self.offset - 1)
            case 0x01..<0x20:
                throw self.failure("a string contains a raw control character; escape it", at: self.offset - 1)
            default:
                scalars.append(byte)
            }
        }
    }

    private mutating func readEscape(into scalars: inout [UInt8]) throws(StrictJSONError) {
        let escapeStart = self.offset - 1
        guard let byte = self.next() else { throw self.failure("a string is not closed", at: escapeStart) }
        let simple: UInt8? =
            switch byte {
            case UInt8(ascii: "\""): UInt8(ascii: "\"")
            case UInt8(ascii: "\\"): UInt8(ascii: "\\")
            case UInt8(ascii: "/"): UInt8(ascii: "/")
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            default: nil
            }
        if let simple {
            scalars.append(simple)
            return
        }
        guard byte == UInt8(ascii: "u") else {
            throw self.failure("an invalid escape '\\\(Self.character(byte))'", at: escapeStart)
        }
        var value = try self.readHex4()
        if (0xD800...0xDBFF).contains(value) {
            guard self.next() == UInt8(ascii: "\\"), self.next() == UInt8(ascii: "u"),
                case let low = try self.readHex4(), (0xDC00...0xDFFF).contains(low)
            else {
                throw self.failure("an unpaired surrogate escape in a string", at: escapeStart)
            }
            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(value) {
            throw self.failure("an unpaired surrogate escape in a string", at: escapeStart)
        }
        guard value != 0 else {
            throw self.failure("a string contains U+0000 (NUL), which is not accepted", at: escapeStart)
        }
        // Valid by the checks above: not a surrogate, at most 0x10FFFF.
        let scalar = Unicode.Scalar(value)!
        scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private mutating func readHex4() throws(StrictJSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = self.next(), let digit = Self.hexDigit(byte) else {
                throw self.failure("a \\u escape needs four hexadecimal digits", at: self.offset - 1)
            }
            value = value << 4 | digit
        }
        return value
    }

    // MARK: Numbers

    private mutating func readNumber() throws(StrictJSONError) -> Decimal {
        let start = self.offset
        var literal = JSONNumberLiteral()
        if self.peek() == UInt8(ascii: "-") {
            literal.negative = true
            self.offset += 1
        }
        guard let first = self.peek(), Self.isDigit(first) else {
            throw self.failure("a number needs digits", at: start)
        }
        if first == UInt8(ascii: "0") {
            self.offset += 1
            if let after = self.peek(), Self.isDigit(after) {
                throw self.failure("a number has a leading zero", at: start)
            }
        } else {
            literal.integerDigits = self.readDigits()
        }
        if self.peek() == UInt8(ascii: ".") {
            self.offset += 1
            literal.fractionDigits = self.readDigits()
            guard !literal.fractionDigits.isEmpty else {
                throw self.failure("a number has no digits after '.'", at: start)
            }
        }
        if let e = self.peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            self.offset += 1
            var negativeExponent = false
            if let sign = self.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                negativeExponent = sign == UInt8(ascii: "-")
                self.offset += 1
            }
            let digits = self.readDigits()
            guard !digits.isEmpty else { throw self.failure("a number has no digits in its exponent", at: start) }
            // Past four digits the exponent is out of range whatever the mantissa; stop before Int overflows.
            let magnitude = digits.count > 4 ? Int.max / 2 : digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            literal.exponent = negativeExponent ? -magnitude : magnitude
        }
        guard let value = literal.decimal(maximumDigits: Self.maximumDigits, maximumExponent: Self.maximumExponent)
        else {
            throw self.failure(
                """
                a number cannot be held exactly (more than \(Self.maximumDigits) significant digits, or beyond \
                10^±\(Self.maximumExponent))
                """,
                at: start
            )
        }
        return value
    }

    private mutating func readDigits() -> ArraySlice<UInt8> {
        let start = self.offset
        while let byte = self.peek(), Self.isDigit(byte) { self.offset += 1 }
        return self.bytes[start..<self.offset]
    }

    // MARK: Bytes

    private func peek() -> UInt8? {
        self.offset < self.bytes.count ? self.bytes[self.offset] : nil
    }

    private mutating func next() -> UInt8? {
        guard self.offset < self.bytes.count else { return nil }
        defer { self.offset += 1 }
        return self.bytes[self.offset]
    }

    private mutating func skipWhitespace() {
        while let byte = self.peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { self.offset += 1 }
    }

    private var pathText: String { "$" + self.path.joined() }

    private func failure(_ reason: String, at offset: Int? = nil) -> StrictJSONError {
        StrictJSONError(reason: reason, offset: offset ?? self.offset)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func character(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : String(format: "\\x%02X", byte)
    }

    private static func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Self.character(byte))'" : "byte 0x\(String(format: "%02X", byte))"
    }

    /// A key as a message shows it: control characters and over-long text kept out.
    private static func shown(_ key: String) -> String {
        let text = key.unicodeScalars.prefix(64).map { $0.value < 0x20 ? "?" : String($0) }.joined()
        return key.unicodeScalars.count > 64 ? text + "…" : text
    }

    private static func quoted(_ key: String) -> String { "'\(Self.shown(key))'" }
}
