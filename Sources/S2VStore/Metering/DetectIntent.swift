/// A face-detect call recorded before it is sent: the account it goes to and how long to wait for that
/// account's submission slot.
public struct DetectIntent: Sendable, Equatable {
    public var callID: Int64
    public var account: String
    public var wait: Duration
}
