import Foundation
import Logging
import PostgresNIO

/// The audit trail: the call log (who called what, when, at what cost) and the admin change log, listed newest
/// first in cursor pages. A cursor is the last id seen, so a page costs the same wherever it is in the trail.
public struct AuditRepository: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// The largest page size a listing returns.
    public static let maximumPageSize = 1000

    /// Calls matching `filter`, newest first, below `cursor` (nil: from the newest).
    public func calls(
        _ filter: CallFilter,
        cursor: Int64?,
        limit: Int,
        logger: Logger
    ) async throws -> AuditPage<AuditedCall> {
        let limit = min(max(limit, 1), Self.maximumPageSize)
        let rows = try await self.client.query(
            """
            SELECT c.id, c.request_id, c.at, c.team_id, t.name, c.key_id, k.prefix, c.method, c.endpoint, c.model,
                   c.tier, c.upstream_request_id, c.task_id, c.http_status, c.error_code, c.latency_us, c.cost
            FROM call_log c LEFT JOIN teams t ON t.id = c.team_id LEFT JOIN api_keys k ON k.id = c.key_id
            WHERE (\(cursor)::bigint IS NULL OR c.id < \(cursor))
              AND (\(filter.teamID)::bigint IS NULL OR c.team_id = \(filter.teamID))
              AND (\(filter.keyID)::bigint IS NULL OR c.key_id = \(filter.keyID))
              AND (\(filter.model)::text IS NULL OR c.model = \(filter.model))
              AND (\(filter.status?.lowest)::integer IS NULL
                   OR c.http_status BETWEEN \(filter.status?.lowest) AND \(filter.status?.highest))
              AND (\(filter.errorCode)::text IS NULL OR c.error_code = \(filter.errorCode))
              AND (\(filter.from)::timestamptz IS NULL OR c.at >= \(filter.from))
              AND (\(filter.to)::timestamptz IS NULL OR c.at < \(filter.to))
              AND (\(filter.taskID)::uuid IS NULL OR c.task_id = \(filter.taskID))
            ORDER BY c.id DESC
            LIMIT \(limit + 1)
            """,
            logger: logger
        )
        var calls: [AuditedCall] = []
        let columns = rows.decode(
            (
                Int64, UUID, Date, Int64?, String?, Int64?, String?, String, String, String?, String?,
                String?, UUID?, Int, String?, Int64, Decimal
            ).self
        )
        for try await (
            id, requestID, at, teamID, team, keyID, prefix, method, endpoint, model, tier, upstreamRequestID,
            taskID, status, errorCode, latency, cost
        ) in columns {
            calls.append(
                AuditedCall(
                    id: id,
                    team: team,
                    keyPrefix: prefix,
                    call: CallRecord(
                        requestID: requestID,
                        at: at,
                        method: method,
                        endpoint: endpoint,
                        httpStatus: status,
                        errorCode: errorCode,
                        latencyMicroseconds: latency,
                        attribution: CallAttribution(
                            keyID: keyID,
                            teamID: teamID,
                            model: model,
                            tier: tier,
                            upstreamRequestID: upstreamRequestID,
                            taskID: taskID,
                            cost: cost
                        )
                    )
                )
            )
        }
        return Self.page(calls, limit: limit, id: \.id)
    }

    /// Admin changes matching `filter`, newest first, below `cursor` (nil: from the newest).
    public func changes(
        _ filter: ChangeFilter,
        cursor: Int64?,
        limit: Int,
        logger: Logger
    ) async throws -> AuditPage<AdminChange> {
        let limit = min(max(limit, 1), Self.maximumPageSize)
        let rows = try await self.client.query(
            """
            SELECT a.id, a.at, a.actor, a.object, a.object_id, a.action, a.team_id, t.name, a.before::text, a.after::text
            FROM admin_changes a LEFT JOIN teams t ON t.id = a.team_id
            WHERE (\(cursor)::bigint IS NULL OR a.id < \(cursor))
              AND (\(filter.teamID)::bigint IS NULL OR a.team_id = \(filter.teamID))
              AND (\(filter.object)::text IS NULL OR a.object = \(filter.object))
              AND (\(filter.from)::timestamptz IS NULL OR a.at >= \(filter.from))
              AND (\(filter.to)::timestamptz IS NULL OR a.at < \(filter.to))
            ORDER BY a.id DESC
            LIMIT \(limit + 1)
            """,
            logger: logger
        )
        var changes: [AdminChange] = []
        let columns = rows.decode((Int64, Date, String, String, String, String, Int64?, String?, String?, String?).self)
        for try await (id, at, actor, object, objectID, action, teamID, team, before, after) in columns {
            changes.append(
                AdminChange(
                    id: id,
                    at: at,
                    actor: actor,
                    object: object,
                    objectID: objectID,
                    action: action,
                    teamID: teamID,
                    team: team,
                    before: before,
                    after: after
                )
            )
        }
        return Self.page(changes, limit: limit, id: \.id)
    }

    private static func page<Row>(_ rows: [Row], limit: Int, id: KeyPath<Row, Int64>) -> AuditPage<Row> {
        guard rows.count > limit else { return AuditPage(rows: rows, nextCursor: nil) }
        let kept = Array(rows.prefix(limit))
        return AuditPage(rows: kept, nextCursor: kept.last?[keyPath: id])
    }
}
