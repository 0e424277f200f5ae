import Foundation
import S2VCore

/// One client request, as the call log keeps it for auditors.
public struct CallRecord: Sendable, Equatable {
    public var requestID: UUID
    public var at: Date
    public var keyID: Int64?
    public var teamID: Int64?
    public var method: String
    public var endpoint: String
    public var model: String?
    public var tier: String?
    public var upstreamRequestID: String?
    public var taskID: UUID?
    public var httpStatus: Int
    public var errorCode: String?
    public var latencyMicroseconds: Int64
    public var cost: Decimal

    public init(
        requestID: UUID,
        at: Date,
        method: String,
        endpoint: String,
        httpStatus: Int,
        latencyMicroseconds: Int64
    ) {
        self.requestID = requestID
        self.at = at
        self.method = method
        self.endpoint = endpoint
        self.httpStatus = httpStatus
        self.latencyMicroseconds = latencyMicroseconds
        self.cost = 0
    }

    /// The record with U+0000 replaced in every text field, as the call log stores it.
    var storable: CallRecord {
        var record = self
        record.method = self.method.withoutNUL
        record.endpoint = self.endpoint.withoutNUL
        record.model = self.model?.withoutNUL
        record.tier = self.tier?.withoutNUL
        record.upstreamRequestID = self.upstreamRequestID?.withoutNUL
        record.errorCode = self.errorCode?.withoutNUL
        return record
    }
}
