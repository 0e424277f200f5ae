/// How a report is rendered: a text table for people, CSV for spreadsheets, JSON for programs, HTML to print.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table
    case csv
    case json
    case html

    /// The media type of the rendered report.
    public var contentType: String {
        switch self {
        case .table: "text/plain; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .json: "application/json; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        }
    }
}
