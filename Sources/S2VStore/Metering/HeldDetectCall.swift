import Foundation

/// A face-detect call whose hold is not settled yet: what its settlement needs to know.
public struct HeldDetectCall: Sendable, Equatable {
    public var id: Int64
    /// The price of the one image it checks, held when its intent was recorded.
    public var hold: Decimal

    public init(id: Int64, hold: Decimal) {
        self.id = id
        self.hold = hold
    }
}
