/// Splits a SQL script into single statements, since PostgreSQL's extended protocol runs one statement per query.
///
/// Semicolons inside quotes (`'…'`, `"…"`), dollar quotes (`$$…$$`, `$tag$…$tag$`), line comments (`-- …`) and
/// nested block comments (`/* … */`) do not end a statement. Statements that hold only comments and white space
/// are dropped.
public enum SQLStatementSplitter {
    public static func split(_ script: String) -> [String] {
        let characters = Array(script.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var hasCode = false
        var index = 0

        func append(_ range: Range<Int>) {
            current.append(contentsOf: characters[range])
        }
        func finish() {
            let text = String(current).trimmingWhitespace()
            if hasCode, !text.isEmpty { statements.append(text) }
            current = String.UnicodeScalarView()
            hasCode = false
        }

        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "-" where next == "-":
                let end = characters[index...].firstIndex(of: "\n") ?? characters.count
                append(index..<end)
                index = end
            case "/" where next == "*":
                let end = Self.endOfBlockComment(characters, from: index)
                append(index..<end)
                index = end
            case "'", "\"":
                let end = Self.endOfQuoted(characters, from: index, quote: character)
                append(index..<end)
                hasCode = true
                index = end
            case "$":
                if let tagEnd = Self.dollarTagEnd(characters, from: index) {
                    let tag = Array(characters[index...tagEnd])
                    let end = Self.endOfDollarQuoted(characters, bodyStart: tagEnd + 1, tag: tag)
                    append(index..<end)
                    index = end
                } else {
                    append(index..<index + 1)
                    index += 1
                }
                hasCode = true
            case ";":
                finish()
                index += 1
            default:
                if !character.properties.isWhitespace { hasCode = true }
                append(index..<index + 1)
                index += 1
            }
        }
        finish()
        return statements
    }

    private static func endOfBlockComment(_ characters: [Unicode.Scalar], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < characters.count {
            if characters[index] == "/", index + 1 < characters.count, characters[index + 1] == "*" {
                depth += 1
                index += 2
            } else if characters[index] == "*", index + 1 < characters.count, characters[index + 1] == "/" {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return characters.count
    }

    /// A doubled quote character inside the literal is an escaped quote.
    private static func endOfQuoted(_ characters: [Unicode.Scalar], from start: Int, quote: Unicode.Scalar) -> Int {
        var index = start + 1
        while index < characters.count {
            if characters[index] == quote {
                if index + 1 < characters.count, characters[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return characters.count
    }

    /// The index of the closing `$` of a dollar-quote tag starting at `start`, or nil for a positional `$1`.
    private static func dollarTagEnd(_ characters: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        while index < characters.count {
            let character = characters[index]
            if character == "$" { return index }
            let isTagCharacter =
                character == "_" || character.properties.isAlphabetic
                || (index > start + 1 && ("0"..."9").contains(character))
            if !isTagCharacter { return nil }
            index += 1
        }
        return nil
    }

    private static func endOfDollarQuoted(_ characters: [Unicode.Scalar], bodyStart: Int, tag: [Unicode.Scalar]) -> Int
    {
        var index = bodyStart
        while index + tag.count <= characters.count {
            if Array(characters[index..<index + tag.count]) == tag { return index + tag.count }
            index += 1
        }
        return characters.count
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = self.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
