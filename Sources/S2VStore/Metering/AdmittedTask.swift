import Foundation

/// A generation task the gateway accepted: its id, given to the client, and its hold.
public struct AdmittedTask: Sendable, Equatable {
    public var id: UUID
    public var holdAmount: Decimal
    public var admittedAt: Date
}
