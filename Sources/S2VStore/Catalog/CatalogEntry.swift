import S2VCore

/// A model of the catalog with the prices in force for it: what `s2v-meter models list` shows.
public struct CatalogEntry: Sendable, Equatable {
    public var spec: ModelSpec
    /// The prices in force now, by tier; empty for a model shipped unpriced (refused until priced).
    public var prices: [Price]
}
