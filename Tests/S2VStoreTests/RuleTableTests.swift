import Foundation
import Testing

/// docs/DESIGN.md's "Where each rule lives" names, for each rule, the symbol that enforces it. Each one must
/// exist in the sources, the tests or the migrations, so the table cannot drift from the code.
@Suite struct RuleTableTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everySymbolTheTableNamesExists() throws {
        let design = try String(contentsOf: Self.root.appendingPathComponent("docs/DESIGN.md"), encoding: .utf8)
        let section =
            try #require(design.components(separatedBy: "## Where each rule lives").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| rule") }
        #expect(rows.count >= 15, "the table has \(rows.count) rows")

        let declarations = Self.declarations(in: try Self.sourceText())
        var missing: [String] = []
        for row in rows {
            let cells = row.split(separator: "|")
            guard cells.count >= 2 else { continue }
            let symbols = Self.backticked(String(cells[1]))
            #expect(!symbols.isEmpty, "a row names no symbol: \(row)")
            for symbol in symbols where !Self.declared(symbol, in: declarations) { missing.append(symbol) }
        }
        #expect(missing.isEmpty, "named in the table but not found in Sources, Tests or sql: \(missing)")
    }

    /// The text in backticks.
    static func backticked(_ text: String) -> [String] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// Whether the symbol's declaration is there: `Type.member(labels:)` by its type and its member, a plain
    /// name as a type, function, trigger, index or view.
    static func declared(_ symbol: String, in declarations: Set<Declaration>) -> Bool {
        let name = symbol.split(separator: "(").first.map(String.init) ?? symbol
        let parts = name.split(separator: ".").map(String.init)
        guard let member = parts.last else { return false }
        let isType = { (name: String) in
            ["struct", "enum", "class", "actor", "protocol", "extension"].contains {
                declarations.contains(Declaration(keyword: $0, name: name))
            }
        }
        if parts.count > 1 {
            return isType(parts[parts.count - 2])
                && (member == "init" || declarations.contains(Declaration(keyword: "func", name: member)))
        }
        return isType(member)
            || ["func", "FUNCTION", "TRIGGER", "INDEX", "VIEW"].contains {
                declarations.contains(Declaration(keyword: $0, name: member))
            }
    }

    /// A word and the word after it, such as `func settle` or `TRIGGER ledger_entries_append_only`.
    struct Declaration: Hashable {
        var keyword: String
        var name: String
    }

    /// Every pair of consecutive identifiers in the text.
    static func declarations(in text: String) -> Set<Declaration> {
        let words = text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
        return Set(zip(words, words.dropFirst()).map { Declaration(keyword: $0, name: $1) })
    }

    static func sourceText() throws -> String {
        var text = ""
        for directory in ["Sources", "Tests", "sql"] {
            let base = Self.root.appendingPathComponent(directory)
            let files = try #require(FileManager.default.enumerator(atPath: base.path)).compactMap { $0 as? String }
            for file in files where file.hasSuffix(".swift") || file.hasSuffix(".sql") {
                guard file != "schema.sql" else { continue }
                text += try String(contentsOf: base.appendingPathComponent(file), encoding: .utf8) + "\n"
            }
        }
        return text
    }
}
