/// Makes a valid body certainly invalid, each time in one way: duplicate keys at any depth, a BOM, UTF-16 or UTF-32,
/// invalid UTF-8, trailing commas, U+0000, raw control characters, lone surrogates, deep nesting, huge numbers,
/// wrong types, truncation, no body, not JSON, data after the document and, for budgets, values the budget rules
/// refuse (host-dependent time zones, limits past 10^12, webhooks to private addresses).
///
/// Each is a refusal under the gateway's strict reading (UTF-8 only, no BOM, no duplicate keys, no trailing commas,
/// no U+0000, bounded depth and numbers); where a rule's bound is not exact (depth, numbers, surrogates) the
/// mutation goes on a field the gateway checks, so the value is refused whichever way it is read.
struct BodyMutator: Sendable {
    enum Kind: String, CaseIterable, Sendable {
        case duplicateKey, byteOrderMark, wideEncoding, invalidUTF8, trailingComma, escapedNUL, rawControl
        case loneSurrogate, deepNesting, hugeNumber, wrongType, truncated, empty, notJSON, trailingData
        case privateWebhook, badBudgetValue
    }

    var document: BaseDocument
    /// A budget body: the budget rules apply (time zones, limits, thresholds, webhook addresses).
    var isBudget: Bool

    func mutate(using random: inout some RandomNumberGenerator) -> (body: [UInt8], mutation: String) {
        var kinds = Kind.allCases.filter { $0 != .privateWebhook && $0 != .badBudgetValue }
        if self.isBudget { kinds += [.privateWebhook, .badBudgetValue] }
        let kind = kinds.randomElement(using: &random)!
        let json = self.document.json
        switch kind {
        case .duplicateKey: return self.duplicateKey(using: &random)
        case .byteOrderMark:
            return ([0xEF, 0xBB, 0xBF] + Array(json.text.utf8), "UTF-8 byte order mark before the document")
        case .wideEncoding: return Self.wideEncoding(json.text, using: &random)
        case .invalidUTF8:
            let bytes = Self.invalidUTF8.randomElement(using: &random)!
            let (body, name) = self.inject(bytes, using: &random)
            return (body, "invalid UTF-8 \(Self.hex(bytes)) in \(name)")
        case .trailingComma: return self.trailingComma(using: &random)
        case .escapedNUL: return self.escapedNUL(using: &random)
        case .rawControl:
            let byte = UInt8.random(in: 0x00...0x1F, using: &random)
            let (body, name) = self.inject([byte], using: &random)
            return (body, "raw control character \(Self.hex([byte])) in \(name)")
        case .loneSurrogate: return self.loneSurrogate(using: &random)
        case .deepNesting: return self.deepNesting(using: &random)
        case .hugeNumber: return self.hugeNumber(using: &random)
        case .wrongType:
            let field = self.document.fields.randomElement(using: &random)!
            let wrong = field.wrongTypes.randomElement(using: &random)!
            return (
                Array(self.replacing(field, with: wrong).text.utf8),
                "wrong type at \(field.keys.joined(separator: ".")): \(wrong.text)"
            )
        case .truncated:
            let text = Array(json.text.utf8)
            let length = Int.random(in: 0..<text.count, using: &random)
            return (Array(text.prefix(length)), "truncated after \(length) of \(text.count) bytes")
        case .empty:
            return ([], "empty body")
        case .notJSON:
            let text = Self.notJSON.randomElement(using: &random)!
            return (Array(text.utf8), "not a JSON object")
        case .trailingData:
            let tail = Self.trailingData.randomElement(using: &random)!
            return (Array((json.text + tail).utf8), "data after the document: \(tail.debugDescription)")
        case .privateWebhook:
            let url = Self.privateWebhooks.randomElement(using: &random)!
            return (Array(self.setting(["webhook_url"], to: .string(url)).text.utf8), "webhook_url \(url)")
        case .badBudgetValue:
            let (key, value) = Self.badBudgetValues.randomElement(using: &random)!
            return (Array(self.setting([key], to: value).text.utf8), "\(key) \(value.text)")
        }
    }

    // MARK: Mutations

    private func duplicateKey(using random: inout some RandomNumberGenerator) -> (body: [UInt8], mutation: String) {
        let json = self.document.json
        // Half the time a checked field (two resolutions, two models); otherwise any member at any depth.
        let objectPath: FuzzJSON.Path
        let memberIndex: Int
        if Bool.random(using: &random), let field = self.document.fields.randomElement(using: &random),
            let path = json.path(ofKeys: field.keys)
        {
            objectPath = Array(path.dropLast())
            memberIndex = path.last!
        } else {
            objectPath = json.objectPaths.randomElement(using: &random)!
            guard case .object(let members) = json.value(at: objectPath)! else { fatalError("not an object") }
            memberIndex = Int.random(in: 0..<members.count, using: &random)
        }
        guard case .object(var members) = json.value(at: objectPath)! else { fatalError("not an object") }
        let original = members[memberIndex]
        let field = self.document.fields.first { json.path(ofKeys: $0.keys) == objectPath + [memberIndex] }
        let value = ([original.value] + (field?.alternatives ?? [.string("other")])).randomElement(using: &random)!
        let insertAt = Int.random(in: 0...members.count, using: &random)
        members.insert((original.key, value), at: insertAt)
        let mutated = json.replacing(at: objectPath, with: .object(members))
        let name = json.name(of: objectPath + [memberIndex])
        return (Array(mutated.text.utf8), "duplicate key \(name): \(original.value.text) and \(value.text)")
    }

    private static func wideEncoding(
        _ text: String,
        using random: inout some RandomNumberGenerator
    ) -> (body: [UInt8], mutation: String) {
        let withMark = Bool.random(using: &random)
        let document = (withMark ? "\u{FEFF}" : "") + text
        let units = Array(document.utf16)
        let scalars = Array(document.unicodeScalars)
        let mark = withMark ? " with BOM" : ""
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return (units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "UTF-16LE\(mark)")
        case 1: return (units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, "UTF-16BE\(mark)")
        case 2: return (scalars.flatMap { Self.bytes(of: $0.value).reversed() }, "UTF-32LE\(mark)")
        default: return (scalars.flatMap { Self.bytes(of: $0.value) }, "UTF-32BE\(mark)")
        }
    }

    private static func bytes(of value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private func trailingComma(using random: inout some RandomNumberGenerator) -> (body: [UInt8], mutation: String) {
        let json = self.document.json
        let path = json.containerPaths.randomElement(using: &random)!
        let container = json.value(at: path)!
        let comma = [",", ", ", ",\n"].randomElement(using: &random)!
        let text: String
        switch container {
        case .object(let members):
            text =
                "{" + members.map { FuzzJSON.quote($0.key) + ":" + $0.value.text }.joined(separator: ",") + comma + "}"
        case .array(let elements):
            text = "[" + elements.map(\.text).joined(separator: ",") + comma + "]"
        default:
            fatalError("not a container")
        }
        return (Array(json.replacing(at: path, with: .raw(text)).text.utf8), "trailing comma in \(json.name(of: path))")
    }

    private func escapedNUL(using random: inout some RandomNumberGenerator) -> (body: [UInt8], mutation: String) {
        let json = self.document.json
        // Sometimes in a key, otherwise in a string value: model, tier, URLs, extra fields, team, time zone.
        if Int.random(in: 0..<4, using: &random) == 0 {
            let objectPath = json.objectPaths.randomElement(using: &random)!
            guard case .object(var members) = json.value(at: objectPath)! else { fatalError("not an object") }
            let index = Int.random(in: 0..<members.count, using: &random)
            let name = json.name(of: objectPath + [index])
            members[index].key = Self.inserting("\u{0}", into: members[index].key, using: &random)
            return (
                Array(json.replacing(at: objectPath, with: .object(members)).text.utf8), "\\u0000 in the key \(name)"
            )
        }
        let path = json.stringPaths.randomElement(using: &random)!
        guard case .string(let value) = json.value(at: path)! else { fatalError("not a string") }
        let mutated = json.replacing(at: path, with: .string(Self.inserting("\u{0}", into: value, using: &random)))
        return (Array(mutated.text.utf8), "\\u0000 in \(json.name(of: path))")
    }

    private func loneSurrogate(using random: inout some RandomNumberGenerator) -> (body: [UInt8], mutation: String) {
        // On a closed vocabulary: refused by a strict reader, and an unknown value if read as U+FFFD.
        let json = self.document.json
        let field = self.document.fields.filter(\.closed).randomElement(using: &random)!
        let path = json.path(ofKeys: field.keys)!
        guard case .string(let value) = json.value(at: path)! else { fatalError("not a string") }
        let escape = ["\\ud800", "\\udfff", "\\udbff\\u0041", "\\ud800\\ud800"].randomElement(using: &random)!
        let offset = Int.random(in: 0...value.count, using: &random)
        let text =
            FuzzJSON.quote(String(value.prefix(offset))).dropLast() + escape
            + FuzzJSON.quote(String(value.dropFirst(offset))).dropFirst()
        let mutated = json.replacing(at: path, with: .raw(String(text)))
        return (Array(mutated.text.utf8), "lone surrogate \(escape) in \(field.keys.joined(separator: "."))")
    }

    private func deepNesting(using random: inout some RandomNumberGenerator) -> (body: [UInt8], mutation: String) {
        let json = self.document.json
        let onChecked = Int.random(in: 0..<10, using: &random) < 7
        let depth = Int.random(in: (onChecked ? 1_000 : 5_000)...9_000, using: &random)
        // Arrays on a checked field: the wrong type there whatever the depth bound. Objects only in an extra field,
        // where the depth bound alone refuses them (far past any bound a reader would set).
        let nested: String
        switch Int.random(in: 0..<3, using: &random) {
        case 0: nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        case 1 where !onChecked:
            nested = String(repeating: "{\"a\":", count: depth) + "0" + String(repeating: "}", count: depth)
        default: nested = String(repeating: "[", count: depth)
        }
        if onChecked {
            let field = self.document.fields.randomElement(using: &random)!
            return (
                Array(self.replacing(field, with: .raw(nested)).text.utf8),
                "\(depth) levels of nesting at \(field.keys.joined(separator: "."))"
            )
        }
        return (
            Array(self.setting(["deep"], to: .raw(nested)).text.utf8), "\(depth) levels of nesting in an extra field"
        )
    }

    private func hugeNumber(using random: inout some RandomNumberGenerator) -> (body: [UInt8], mutation: String) {
        let digits = String(repeating: "9", count: Int.random(in: 500...2_000, using: &random))
        let anywhere = ["1e999999", "-1e999999", "1" + digits, "-" + digits]
        let onChecked = Int.random(in: 0..<3, using: &random) > 0
        if onChecked {
            let literal = (anywhere + ["1E+400", "1e-999999", "0." + digits, "-0", "123456789012345678901234567890"])
                .randomElement(using: &random)!
            let field = self.document.fields.randomElement(using: &random)!
            // A number where a string is expected, or a limit past any bound.
            let numeric = field.keys == ["limit"] || field.keys == ["key_id"]
            let value: FuzzJSON = numeric ? .number(anywhere.randomElement(using: &random)!) : .number(literal)
            return (
                Array(self.replacing(field, with: value).text.utf8),
                "number \(value.text.prefix(24)) at \(field.keys.joined(separator: "."))"
            )
        }
        let literal = anywhere.randomElement(using: &random)!
        return (
            Array(self.setting(["huge"], to: .number(literal)).text.utf8),
            "number \(literal.prefix(24)) in an extra field"
        )
    }

    // MARK: Helpers

    /// Puts raw bytes inside a string value (or, for a value-less document, after the opening brace).
    private func inject(
        _ bytes: [UInt8],
        using random: inout some RandomNumberGenerator
    ) -> (body: [UInt8], name: String) {
        let json = self.document.json
        let marker = "\u{E000}\u{E001}"
        let path = json.stringPaths.randomElement(using: &random)!
        guard case .string(let value) = json.value(at: path)! else { fatalError("not a string") }
        let text = Array(
            json.replacing(at: path, with: .string(Self.inserting(marker, into: value, using: &random))).text.utf8
        )
        let markerBytes = Array(marker.utf8)
        let start = (0...(text.count - markerBytes.count)).first {
            Array(text[$0..<($0 + markerBytes.count)]) == markerBytes
        }!
        return (Array(text[..<start]) + bytes + Array(text[(start + markerBytes.count)...]), json.name(of: path))
    }

    private func replacing(_ field: BaseDocument.Field, with value: FuzzJSON) -> FuzzJSON {
        let json = self.document.json
        guard let path = json.path(ofKeys: field.keys) else { return self.setting(field.keys, to: value) }
        return json.replacing(at: path, with: value)
    }

    /// Sets a top-level member, adding it when absent.
    private func setting(_ keys: [String], to value: FuzzJSON) -> FuzzJSON {
        let json = self.document.json
        if let path = json.path(ofKeys: keys) { return json.replacing(at: path, with: value) }
        guard case .object(var members) = json, keys.count == 1 else { return json }
        members.append((keys[0], value))
        return .object(members)
    }

    private static func inserting(
        _ piece: String,
        into value: String,
        using random: inout some RandomNumberGenerator
    ) -> String {
        let offset = Int.random(in: 0...value.count, using: &random)
        return String(value.prefix(offset)) + piece + String(value.dropFirst(offset))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 0x10 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
    }

    static let invalidUTF8: [[UInt8]] = [
        [0xFF], [0xFE], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
        [0xED, 0xBF, 0xBF], [0xE2, 0x82], [0xF0, 0x9F], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0xC3], [0xE2, 0x28, 0xA1],
    ]

    static let notJSON = [
        "not json", "model=wan2.2-s2v&input=x", "<?xml version=\"1.0\"?><model>wan2.2-s2v</model>", "null", "[]", "42",
        "\"wan2.2-s2v\"", "true", "{", "}", "{}", "[{}]", "{'model':'wan2.2-s2v'}", "{model: \"wan2.2-s2v\"}", "NaN",
        "Infinity", "{\"model\":\"wan2.2-s2v\" /* c */}", "\u{FEFF}", "{\"model\":}", "{\"model\" \"x\"}", "{:}",
        "{\"a\":1 \"b\":2}", "[1 2]", "\"\\x41\"", "{\"model\":\"wan2.2-s2v\",\"input\":{\"image_url\":'x'}}",
    ]

    static let trailingData = [
        "x", "}", ",", " {}", "\u{0}", "//", "/* */", "[]", "\"\"", "0", "\u{FEFF}", " ,", "\n}",
    ]

    static let badBudgetValues: [(String, FuzzJSON)] = [
        ("timezone", .string("localtime")), ("timezone", .string("posixrules")), ("timezone", .string("Factory")),
        ("timezone", .string("posix/Asia/Shanghai")), ("timezone", .string("right/UTC")),
        ("timezone", .string("EST5EDT")),
        ("timezone", .string("UTC+8")), ("timezone", .string("<+08>-8")), ("timezone", .string("US/Eastern")),
        ("timezone", .string("PRC")), ("timezone", .string("Etc/GMT-8")), ("timezone", .string("/etc/localtime")),
        ("timezone", .string("../../../../etc/localtime")), ("timezone", .string("Mars/Base")),
        ("timezone", .string("Asia/Shanghai ")), ("timezone", .string("")),
        ("limit", .number("1e127")), ("limit", .number("1000000000001")), ("limit", .string("-1")),
        ("limit", .string("1e3")),
        ("limit", .string("NaN")), ("limit", .string("0.000000001")), ("limit", .number("-0.5")),
        ("limit", .string("")),
        ("alert_thresholds", .array([.number("0")])), ("alert_thresholds", .array([.number("-5")])),
        ("alert_thresholds", .array([.number("1001")])), ("alert_thresholds", .array([.string("x")])),
        ("period", .string("fortnight")), ("period", .string("")), ("scope", .string("galaxy")), ("scope", .string("")),
        ("webhook_format", .string("xml")), ("webhook_format", .string("")),
    ]

    static let privateWebhooks = [
        "http://127.0.0.1/hook", "http://127.0.0.1:8080/hook", "http://[::1]/hook", "http://0x7f000001/hook",
        "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/hook", "http://172.16.0.1/hook",
        "http://192.168.1.1/hook", "http://0.0.0.0/hook", "http://224.0.0.1/hook", "http://[fe80::1]/hook",
        "http://[::ffff:127.0.0.1]/hook", "https://hooks.example.com:99999/b", "https://hooks.example.com:0/b",
        "https://hooks.example.com:65536/b", "ftp://hooks.example.com/b", "gopher://hooks.example.com/b",
        "file:///etc/passwd", "javascript:alert(1)",
    ]
}
