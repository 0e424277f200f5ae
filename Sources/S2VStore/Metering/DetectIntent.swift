/// A face-detect call recorded before it is sent: its hold, the account it goes to and that account's
/// submission slot.
public struct DetectIntent: Sendable, Equatable {
    public var call: HeldDetectCall
    public var account: String
    public var slot: ReservedSlot

    public var callID: Int64 { self.call.id }
}
