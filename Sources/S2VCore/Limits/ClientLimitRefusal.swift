import Foundation

/// Why a client limit refused a request, as the database reported it (SQLSTATE S2VR1, detail in JSON).
public struct ClientLimitRefusal: Sendable, Equatable, Decodable {
    /// `team` or `key`.
    public var scope: String
    public var teamID: Int64?
    public var keyID: Int64?
    /// `requests_per_second`, `max_active_tasks` or `tasks_per_day`.
    public var limitName: String
    /// The limit: the bucket's burst, the cap or the daily count.
    public var limit: String
    public var remaining: String
    /// Seconds until the limit is whole again (bucket full, next UTC day).
    public var resetSeconds: Int
    /// Seconds after which a retry can pass.
    public var retryAfterSeconds: Int

    enum CodingKeys: String, CodingKey {
        case scope
        case teamID = "team_id"
        case keyID = "key_id"
        case limitName = "limit_name"
        case limit, remaining
        case resetSeconds = "reset_seconds"
        case retryAfterSeconds = "retry_after_seconds"
    }

    /// Reads the refusal from the JSON the database put in the error's detail.
    public static func decode(detail: String) throws -> ClientLimitRefusal {
        try JSONDecoder().decode(ClientLimitRefusal.self, from: Data(detail.utf8))
    }

    /// What the client is told: which limit, and when to retry.
    public var message: String {
        let owner = self.scope == "team" ? "your team" : "this API key"
        switch self.limitName {
        case "requests_per_second":
            return
                "Requests rate limit exceeded for \(owner) (burst \(self.limit)); retry after \(self.retryAfterSeconds) s."
        case "max_active_tasks":
            return "Too many queued and running tasks for \(owner) (limit \(self.limit)); retry when one finishes."
        case "tasks_per_day":
            return
                "Daily task limit reached for \(owner) (\(self.limit) per UTC day); it renews in \(self.resetSeconds) s."
        default:
            return "A rate limit of \(owner) was reached; retry after \(self.retryAfterSeconds) s."
        }
    }
}
