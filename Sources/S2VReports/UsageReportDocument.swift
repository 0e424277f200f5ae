import Foundation
import S2VCore
import S2VStore

/// A usage report as JSON, CSV or a text table. Amounts are exact decimal strings in JSON and CSV.
public struct UsageReportDocument: Encodable, ReportDocument {
    public var from: String
    public var to: String
    public var dimensions: [UsageDimension]
    public var rows: [UsageRow]

    public init(from: String, to: String, dimensions: [UsageDimension], rows: [UsageRow]) {
        self.from = from
        self.to = to
        self.dimensions = dimensions
        self.rows = rows
    }

    public var totalCost: Decimal { self.rows.reduce(0) { $0 + $1.cost } }

    /// Amounts belong to the UTC day their call or task was admitted.
    static let attribution = "admission"

    struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { self.stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        try container.encode(self.from, forKey: DynamicKey("from"))
        try container.encode(self.to, forKey: DynamicKey("to"))
        try container.encode(Self.attribution, forKey: DynamicKey("attributed_by"))
        var rows = container.nestedUnkeyedContainer(forKey: DynamicKey("rows"))
        for row in self.rows {
            var object = rows.nestedContainer(keyedBy: DynamicKey.self)
            for dimension in self.dimensions {
                try object.encode(row.groups[dimension] ?? "", forKey: DynamicKey(dimension.name))
            }
            try object.encode(row.calls, forKey: DynamicKey("calls"))
            try object.encode(row.images, forKey: DynamicKey("images"))
            try object.encode(row.seconds.exactString, forKey: DynamicKey("seconds"))
            try object.encode(row.tasksSucceeded, forKey: DynamicKey("tasks_succeeded"))
            try object.encode(row.tasksFailed, forKey: DynamicKey("tasks_failed"))
            try object.encode(row.cost.exactString, forKey: DynamicKey("cost"))
        }
        var total = container.nestedContainer(keyedBy: DynamicKey.self, forKey: DynamicKey("total"))
        try total.encode(self.totalCost.exactString, forKey: DynamicKey("cost"))
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public var csvHeader: [String] {
        self.dimensions.map(\.name) + ["calls", "images", "seconds", "tasks_succeeded", "tasks_failed", "cost"]
    }

    public var csvRows: [[String]] {
        self.rows.map { row in
            self.dimensions.map { row.groups[$0] ?? "" } + [
                String(row.calls), String(row.images), row.seconds.exactString, String(row.tasksSucceeded),
                String(row.tasksFailed), row.cost.exactString,
            ]
        }
    }

    /// A title, the table and its total, ending in a line break.
    public func table() -> String {
        let header =
            self.dimensions.map { $0.name.uppercased() } + [
                "CALLS", "IMAGES", "SECONDS", "SUCCEEDED", "FAILED", "COST",
            ]
        var rows = self.rows.map { row in
            self.dimensions.map { row.groups[$0].map { $0.isEmpty ? "-" : $0 } ?? "-" } + [
                String(row.calls), String(row.images), row.seconds.exactString, String(row.tasksSucceeded),
                String(row.tasksFailed), row.cost.exactString,
            ]
        }
        rows.append(
            Array(repeating: "", count: self.dimensions.count) + ["", "", "", "", "total", self.totalCost.exactString]
        )
        let numeric = Set(self.dimensions.count..<(self.dimensions.count + 6))
        let title = "usage from \(self.from) to \(self.to) (UTC days, exclusive end), by admission time"
        return title + "\n\n" + TextTable(header: header, rows: rows, rightAligned: numeric).render() + "\n"
    }
}
