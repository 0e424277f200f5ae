import Foundation
import S2VCore

/// A model the gateway meters, from the `models` table.
public struct MeteredModel: Sendable, Equatable {
    public var name: String
    public var kind: ModelKind
    /// For generation: the longest video the upstream bills, which sizes the hold.
    public var maxBillableSeconds: Decimal?
}
