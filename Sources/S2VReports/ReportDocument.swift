/// A report that renders in every ``ReportFormat``. A document supplies what its formats differ in (its JSON, its
/// CSV columns and rows, its text table and, if it has one, its printable page); ``render(_:)`` is the one place
/// a format picks among them.
///
/// Each piece is the whole text of its format, final line break included where the report has one, so the CLI
/// and the HTTP API write the same bytes.
public protocol ReportDocument: Sendable {
    /// The names of the CSV columns.
    var csvHeader: [String] { get }
    /// The CSV rows, each in ``csvHeader`` order.
    var csvRows: [[String]] { get }
    /// The report as JSON, for programs. Amounts are exact decimal strings.
    func json() throws -> String
    /// The report as a text table, for people.
    func table() -> String
    /// The report as an HTML page, to print; the text table unless the report has a page of its own.
    func html() -> String
}

extension ReportDocument {
    /// The report in `format`.
    public func render(_ format: ReportFormat) throws -> String {
        switch format {
        case .json: try self.json()
        case .csv: self.csv()
        case .table: self.table()
        case .html: self.html()
        }
    }

    /// RFC 4180 CSV, after the header unless `includeHeader` is false (for the pages after the first of a long
    /// export).
    public func csv(includeHeader: Bool = true) -> String {
        CSVText.render(header: self.csvHeader, rows: self.csvRows, includeHeader: includeHeader)
    }

    public func html() -> String {
        self.table()
    }
}
