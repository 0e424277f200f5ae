import Hummingbird
import S2VCore
import S2VReports

extension ReportFormat {
    /// The format a request asks for: its `format` parameter, else its Accept header (text/csv, text/html,
    /// text/plain), else JSON.
    static func requested(by request: Request, allowed: Set<ReportFormat>) throws -> ReportFormat {
        if let name = request.uri.queryParameters.get("format"), !name.isEmpty {
            guard let format = ReportFormat(rawValue: name.lowercased()), allowed.contains(format) else {
                let names = ReportFormat.allCases.filter(allowed.contains).map(\.rawValue).joined(separator: ", ")
                throw ServiceError.invalidParameter("format must be one of \(names); got '\(name)'.")
            }
            return format
        }
        let accept = request.headers[.accept]?.lowercased() ?? ""
        let byMediaType: [(String, ReportFormat)] = [
            ("application/json", .json), ("text/csv", .csv), ("text/html", .html), ("text/plain", .table),
        ]
        for (mediaType, format) in byMediaType where allowed.contains(format) && accept.contains(mediaType) {
            return format
        }
        return .json
    }
}
