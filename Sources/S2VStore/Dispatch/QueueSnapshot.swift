import Foundation

/// What is queued and in flight right now, per team and per upstream account (`s2v-meter queue`).
public struct QueueSnapshot: Sendable, Equatable {
    /// One team's work that is not finished.
    public struct TeamLine: Sendable, Equatable, Encodable {
        public var team: String
        /// In the gateway's queue, not sent yet.
        public var queued: Int
        /// Claimed for submission, submitted or running upstream.
        public var inFlight: Int
        /// When the oldest queued task was admitted.
        public var oldestQueuedAt: Date?

        enum CodingKeys: String, CodingKey {
            case team, queued
            case inFlight = "in_flight"
            case oldestQueuedAt = "oldest_queued_at"
        }
    }

    /// One upstream account's load.
    public struct AccountLine: Sendable, Equatable, Encodable {
        public var account: String
        public var inFlight: Int
        /// Its limit, when the account is in the pool table (nil for the serve command's own account).
        public var maxInFlight: Int?
        public var removed: Bool

        enum CodingKeys: String, CodingKey {
            case account
            case inFlight = "in_flight"
            case maxInFlight = "max_in_flight"
            case removed
        }
    }

    public var teams: [TeamLine]
    public var accounts: [AccountLine]
}
