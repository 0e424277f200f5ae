import Foundation
import S2VStore

/// A page of the admin change log as JSON, CSV or a text table.
public struct AuditChangesDocument: ReportDocument {
    public var page: AuditPage<AdminChange>

    public init(page: AuditPage<AdminChange>) {
        self.page = page
    }

    static let header = ["id", "at", "actor", "object", "object_id", "action", "team", "before", "after"]

    static func fields(_ change: AdminChange) -> [String] {
        [
            String(change.id), ReportTime.preciseInstant(change.at), change.actor, change.object, change.objectID,
            change.action, change.team ?? "", change.before ?? "", change.after ?? "",
        ]
    }

    public var csvHeader: [String] { Self.header }

    public var csvRows: [[String]] { self.page.rows.map(Self.fields) }

    public func json() throws -> String {
        let changes = self.page.rows.map { change in
            Change(
                id: String(change.id),
                at: ReportTime.preciseInstant(change.at),
                actor: change.actor,
                object: change.object,
                objectID: change.objectID,
                action: change.action,
                team: change.team,
                before: change.before.map(RawJSON.init),
                after: change.after.map(RawJSON.init)
            )
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        return String(
            decoding: try encoder.encode(Body(changes: changes, nextCursor: self.page.nextCursor.map(String.init))),
            as: UTF8.self
        )
    }

    public func table() -> String {
        let rows = self.page.rows.map { change in
            [
                ReportTime.preciseInstant(change.at), change.actor, change.action,
                change.object + " " + change.objectID,
                change.team ?? "-", Self.summary(change),
            ]
        }
        var text = TextTable(header: ["AT (UTC)", "ACTOR", "ACTION", "OBJECT", "TEAM", "CHANGED"], rows: rows).render()
        if let cursor = self.page.nextCursor {
            text += "\n\nmore: --cursor \(cursor)"
        }
        return text
    }

    /// The fields that differ between before and after, `field: old → new`, for the table.
    static func summary(_ change: AdminChange) -> String {
        let before = Self.object(change.before)
        let after = Self.object(change.after)
        let keys = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] && $0 != "updated_at" }.sorted()
        if change.action == "create" { return "" }
        return keys.map { "\($0): \(before[$0] ?? "null") → \(after[$0] ?? "null")" }.joined(separator: "; ")
    }

    private static func object(_ text: String?) -> [String: String] {
        guard let text, let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object.mapValues { value in
            if value is NSNull { return "null" }
            if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]) {
                return String(decoding: data, as: UTF8.self)
            }
            return "\(value)"
        }
    }

    private struct Change: Encodable {
        var id: String
        var at: String
        var actor: String
        var object: String
        var objectID: String
        var action: String
        var team: String?
        var before: RawJSON?
        var after: RawJSON?
        enum CodingKeys: String, CodingKey {
            case id, at, actor, object, action, team, before, after
            case objectID = "object_id"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.id, forKey: .id)
            try container.encode(self.at, forKey: .at)
            try container.encode(self.actor, forKey: .actor)
            try container.encode(self.object, forKey: .object)
            try container.encode(self.objectID, forKey: .objectID)
            try container.encode(self.action, forKey: .action)
            try container.encode(self.team, forKey: .team)
            try container.encode(self.before, forKey: .before)
            try container.encode(self.after, forKey: .after)
        }
    }

    private struct Body: Encodable {
        var changes: [Change]
        var nextCursor: String?
        enum CodingKeys: String, CodingKey {
            case changes
            case nextCursor = "next_cursor"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.changes, forKey: .changes)
            try container.encode(self.nextCursor, forKey: .nextCursor)
        }
    }
}
