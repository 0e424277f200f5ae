/// Escaping for text put into HTML or SVG, as element content or a quoted attribute value.
enum HTML {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// An optional text escaped, or `placeholder` (already safe) when it is nil or empty.
    static func escape(_ text: String?, placeholder: String) -> String {
        guard let text, !text.isEmpty else { return placeholder }
        return Self.escape(text)
    }
}
