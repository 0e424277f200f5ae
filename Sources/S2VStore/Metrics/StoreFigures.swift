import Foundation

/// Figures read from PostgreSQL for the `/metrics` scrape: the dispatch queue, the upstream load and spend.
/// They describe the shared database, so every gateway instance reports the same ones.
public struct StoreFigures: Sendable, Equatable {
    /// One team's tasks waiting in the gateway's dispatch queue.
    public struct Queued: Sendable, Equatable {
        public var team: String
        public var tasks: Int
    }

    /// One upstream account's generation tasks claimed for submission, submitted or running.
    public struct InFlight: Sendable, Equatable {
        public var account: String
        public var tasks: Int
    }

    /// What one team spent on one model and tier, from the daily rollups (exact decimals).
    public struct Spend: Sendable, Equatable {
        public var team: String
        public var model: String
        public var tier: String
        /// Since the first call.
        public var allTime: Decimal
        /// Since the start of the current UTC month (by admission day, like the reports).
        public var thisMonth: Decimal
    }

    /// What one team spent with one value of a configured tag key (`""`: without the tag).
    public struct TagSpend: Sendable, Equatable {
        public var tagKey: String
        public var tagValue: String
        public var team: String
        public var allTime: Decimal
        public var thisMonth: Decimal
    }

    public var queued: [Queued]
    public var inFlight: [InFlight]
    public var spend: [Spend]
    /// Spend by the values of the tag keys `serve --metrics-tag-keys` names; empty without them.
    public var tagSpend: [TagSpend] = []

    /// Tasks in the dispatch queue, all teams together.
    public var totalQueued: Int { self.queued.reduce(0) { $0 + $1.tasks } }

    /// Tasks in flight upstream, all accounts together.
    public var totalInFlight: Int { self.inFlight.reduce(0) { $0 + $1.tasks } }
}
