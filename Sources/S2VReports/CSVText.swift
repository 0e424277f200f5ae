import Foundation

/// RFC 4180 CSV: a header row, CRLF line ends, fields quoted only when they must be.
public enum CSVText {
    /// The rows as CSV text, each ending in CRLF, after the header unless `includeHeader` is false (for the
    /// pages after the first of a long export).
    public static func render(header: [String], rows: [[String]], includeHeader: Bool = true) -> String {
        ((includeHeader ? [header] : []) + rows).map { $0.map(Self.field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One field, quoted when it holds a comma, a quote or a line break (quotes doubled). A field that a
    /// spreadsheet would read as a formula (starting with =, +, - or @) is prefixed with a quote character.
    public static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+@".contains(first) || (first == "-" && Double(value) == nil) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
