import Foundation
import S2VCore
import S2VStore

/// A page of the call audit trail as JSON, CSV or a text table. Costs are exact decimal strings.
public struct AuditCallsDocument: ReportDocument {
    public var page: AuditPage<AuditedCall>

    public init(page: AuditPage<AuditedCall>) {
        self.page = page
    }

    static let header = [
        "id", "at", "request_id", "team", "key_id", "key_prefix", "method", "endpoint", "model", "tier",
        "task_id", "upstream_request_id", "http_status", "error_code", "latency_ms", "cost",
    ]

    /// The fields of one call, in `header` order.
    static func fields(_ audited: AuditedCall) -> [String] {
        let (call, attribution) = (audited.call, audited.call.attribution)
        return [
            String(audited.id), ReportTime.preciseInstant(call.at), call.requestID.uuidString.lowercased(),
            audited.team ?? "", attribution.keyID.map(String.init) ?? "", audited.keyPrefix ?? "", call.method,
            call.endpoint, attribution.model ?? "", attribution.tier ?? "",
            attribution.taskID?.uuidString.lowercased() ?? "", attribution.upstreamRequestID ?? "",
            String(call.httpStatus), call.errorCode ?? "", Self.milliseconds(call.latencyMicroseconds),
            attribution.cost.exactString,
        ]
    }

    /// Microseconds as milliseconds with three decimals, exactly.
    static func milliseconds(_ microseconds: Int64) -> String {
        (Decimal(microseconds) / 1000).exactString
    }

    public var csvHeader: [String] { Self.header }

    public var csvRows: [[String]] { self.page.rows.map(Self.fields) }

    public func json() throws -> String {
        let rows = self.page.rows.map { call in
            Dictionary(uniqueKeysWithValues: zip(Self.header, Self.fields(call)))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        return String(
            decoding: try encoder.encode(Body(calls: rows, nextCursor: self.page.nextCursor.map(String.init))),
            as: UTF8.self
        )
    }

    public func table() -> String {
        let rows = self.page.rows.map { audited in
            let (call, attribution) = (audited.call, audited.call.attribution)
            return [
                ReportTime.preciseInstant(call.at), audited.team ?? "-", audited.keyPrefix ?? "-",
                call.method + " " + call.endpoint, attribution.model ?? "-",
                attribution.tier.flatMap { $0.isEmpty ? nil : $0 } ?? "-", String(call.httpStatus),
                call.errorCode ?? "", attribution.cost.exactString,
            ]
        }
        var text = TextTable(
            header: ["AT (UTC)", "TEAM", "KEY", "REQUEST", "MODEL", "TIER", "STATUS", "ERROR", "COST"],
            rows: rows,
            rightAligned: [6, 8]
        ).render()
        if let cursor = self.page.nextCursor {
            text += "\n\nmore: --cursor \(cursor)"
        }
        return text
    }

    private struct Body: Encodable {
        var calls: [[String: String]]
        var nextCursor: String?
        enum CodingKeys: String, CodingKey {
            case calls
            case nextCursor = "next_cursor"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.calls, forKey: .calls)
            try container.encode(self.nextCursor, forKey: .nextCursor)
        }
    }
}
