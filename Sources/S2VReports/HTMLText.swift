/// Escaping for text placed in HTML or SVG, as element content or a quoted attribute value.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
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
    public static func escape(_ text: String?, placeholder: String) -> String {
        guard let text, !text.isEmpty else { return placeholder }
        return Self.escape(text)
    }
}
