/// A plain text table with a header row, columns padded to their widest cell.
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]]
    /// Columns aligned to the right (numbers).
    public var rightAligned: Set<Int>

    public init(header: [String], rows: [[String]], rightAligned: Set<Int> = []) {
        self.header = header
        self.rows = rows
        self.rightAligned = rightAligned
    }

    public func render() -> String {
        let widths = self.header.indices.map { column in
            ([self.header] + self.rows).map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                let width = widths.indices.contains(column) ? widths[column] : cell.count
                let padding = String(repeating: " ", count: max(width - cell.count, 0))
                return self.rightAligned.contains(column) ? padding + cell : cell + padding
            }
            var text = padded.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(self.header), rule] + self.rows.map(line)).joined(separator: "\n")
    }
}
