/// A small JSON tree for building request bodies and placing a mutation at any depth. It renders its own text, so a
/// test controls every byte: duplicate keys, trailing commas and raw fragments (`.raw`) are all expressible.
indirect enum FuzzJSON: Sendable {
    case object([(key: String, value: FuzzJSON)])
    case array([FuzzJSON])
    case string(String)
    /// A number's literal text, as sent.
    case number(String)
    case bool(Bool)
    case null
    /// Text put in the document exactly as given.
    case raw(String)

    /// One step from a container to a child: the n-th member of an object or the n-th element of an array.
    typealias Path = [Int]

    /// Compact JSON text; strings are escaped as RFC 8259 asks (control characters, including U+0000, as `\u00XX`).
    var text: String {
        switch self {
        case .object(let members):
            "{" + members.map { Self.quote($0.key) + ":" + $0.value.text }.joined(separator: ",") + "}"
        case .array(let elements):
            "[" + elements.map(\.text).joined(separator: ",") + "]"
        case .string(let value): Self.quote(value)
        case .number(let literal): literal
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        case .raw(let text): text
        }
    }

    static func quote(_ value: String) -> String {
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            case _ where scalar.value < 0x20:
                quoted +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    /// The member or element at `path`.
    func value(at path: Path) -> FuzzJSON? {
        guard let step = path.first else { return self }
        switch self {
        case .object(let members) where members.indices.contains(step):
            return members[step].value.value(at: Array(path.dropFirst()))
        case .array(let elements) where elements.indices.contains(step):
            return elements[step].value(at: Array(path.dropFirst()))
        default: return nil
        }
    }

    /// A copy with the value at `path` replaced.
    func replacing(at path: Path, with replacement: FuzzJSON) -> FuzzJSON {
        guard let step = path.first else { return replacement }
        let rest = Array(path.dropFirst())
        switch self {
        case .object(var members) where members.indices.contains(step):
            members[step].value = members[step].value.replacing(at: rest, with: replacement)
            return .object(members)
        case .array(var elements) where elements.indices.contains(step):
            elements[step] = elements[step].replacing(at: rest, with: replacement)
            return .array(elements)
        default:
            return self
        }
    }

    /// The path of the member named by `keys` (object keys from the root), if it is there.
    func path(ofKeys keys: [String]) -> Path? {
        var path: Path = []
        var node = self
        for key in keys {
            guard case .object(let members) = node, let index = members.firstIndex(where: { $0.key == key }) else {
                return nil
            }
            path.append(index)
            node = members[index].value
        }
        return path
    }

    /// The dotted name of the value at `path`, for messages: `input.audio_url`, `extra.list[1]`.
    func name(of path: Path) -> String {
        var name = ""
        var node = self
        for step in path {
            switch node {
            case .object(let members):
                name += (name.isEmpty ? "" : ".") + members[step].key
                node = members[step].value
            case .array(let elements):
                name += "[\(step)]"
                node = elements[step]
            default:
                return name
            }
        }
        return name.isEmpty ? "(root)" : name
    }

    /// Paths of every object and array, the root included.
    var containerPaths: [Path] {
        var paths: [Path] = []
        self.walk(path: []) { path, node in
            switch node {
            case .object, .array: paths.append(path)
            default: break
            }
        }
        return paths
    }

    /// Paths of every object, the root included.
    var objectPaths: [Path] {
        var paths: [Path] = []
        self.walk(path: []) { path, node in
            if case .object(let members) = node, !members.isEmpty { paths.append(path) }
        }
        return paths
    }

    /// Paths of every string value.
    var stringPaths: [Path] {
        var paths: [Path] = []
        self.walk(path: []) { path, node in
            if case .string = node { paths.append(path) }
        }
        return paths
    }

    private func walk(path: Path, _ visit: (Path, FuzzJSON) -> Void) {
        visit(path, self)
        switch self {
        case .object(let members):
            for (index, member) in members.enumerated() { member.value.walk(path: path + [index], visit) }
        case .array(let elements):
            for (index, element) in elements.enumerated() { element.walk(path: path + [index], visit) }
        default:
            break
        }
    }
}
