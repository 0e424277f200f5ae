import Foundation

/// A parsed Prometheus text exposition (format 0.0.4), to find samples by name and labels in tests.
struct PrometheusExposition {
    /// One sample line: `name{label="value",…} value`.
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        /// The value as written, so an exact decimal can be read back without going through a float.
        var value: String

        var double: Double? { Double(self.value) }
        var decimal: Decimal? { Decimal(string: self.value, locale: Locale(identifier: "en_US_POSIX")) }
    }

    struct ParseError: Error, CustomStringConvertible {
        var line: String
        var description: String { "not a Prometheus sample line: \(self.line)" }
    }

    let samples: [Sample]
    /// `# TYPE` of each metric family.
    let types: [String: String]
    /// `# HELP` of each metric family.
    let help: [String: String]

    init(parsing text: String) throws {
        var samples: [Sample] = []
        var types: [String: String] = [:]
        var help: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if line.hasPrefix("# TYPE ") || line.hasPrefix("# HELP ") {
                let parts = line.dropFirst(7).split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw ParseError(line: line) }
                if line.hasPrefix("# TYPE ") { types[parts[0]] = parts[1] } else { help[parts[0]] = parts[1] }
                continue
            }
            if line.hasPrefix("#") { continue }
            samples.append(try Self.sample(line))
        }
        self.samples = samples
        self.types = types
        self.help = help
    }

    /// Samples of `name` whose labels include every pair of `labels`.
    func samples(_ name: String, matching labels: [String: String] = [:]) -> [Sample] {
        self.samples.filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
    }

    /// The one sample of `name` with exactly these labels, if there is one.
    func sample(_ name: String, labels: [String: String] = [:]) -> Sample? {
        let found = self.samples.filter { $0.name == name && $0.labels == labels }
        return found.count == 1 ? found[0] : nil
    }

    private static func sample(_ line: String) throws -> Sample {
        var characters = Substring(line)
        let name = String(characters.prefix { $0 != "{" && $0 != " " })
        guard !name.isEmpty else { throw ParseError(line: line) }
        characters = characters.dropFirst(name.count)
        var labels: [String: String] = [:]
        if characters.first == "{" {
            characters = characters.dropFirst()
            while characters.first != "}" {
                let label = String(characters.prefix { $0 != "=" })
                characters = characters.dropFirst(label.count)
                guard characters.hasPrefix("=\"") else { throw ParseError(line: line) }
                characters = characters.dropFirst(2)
                var value = ""
                while let character = characters.first, character != "\"" {
                    characters = characters.dropFirst()
                    if character == "\\", let escaped = characters.first {
                        characters = characters.dropFirst()
                        value.append(escaped == "n" ? "\n" : escaped)
                    } else {
                        value.append(character)
                    }
                }
                guard characters.first == "\"" else { throw ParseError(line: line) }
                characters = characters.dropFirst()
                if characters.first == "," { characters = characters.dropFirst() }
                guard !characters.isEmpty else { throw ParseError(line: line) }
                labels[label] = value
            }
            characters = characters.dropFirst()
        }
        guard characters.first == " " else { throw ParseError(line: line) }
        let value = characters.dropFirst().split(separator: " ").first.map(String.init) ?? ""
        guard !value.isEmpty else { throw ParseError(line: line) }
        return Sample(name: name, labels: labels, value: value)
    }
}
