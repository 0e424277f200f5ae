import Foundation
import S2VCore

/// One client request, as the call log keeps it for auditors: the one row type of the call log, written by the
/// gateway and read back by the audit trail (``AuditedCall``).
public struct CallRecord: Sendable, Equatable {
    public var requestID: UUID
    public var at: Date
    public var method: String
    public var endpoint: String
    public var httpStatus: Int
    public var errorCode: String?
    public var latencyMicroseconds: Int64
    public var attribution: CallAttribution

    public init(
        requestID: UUID,
        at: Date,
        method: String,
        endpoint: String,
        httpStatus: Int,
        errorCode: String? = nil,
        latencyMicroseconds: Int64,
        attribution: CallAttribution = CallAttribution()
    ) {
        self.requestID = requestID
        self.at = at
        self.method = method
        self.endpoint = endpoint
        self.httpStatus = httpStatus
        self.errorCode = errorCode
        self.latencyMicroseconds = latencyMicroseconds
        self.attribution = attribution
    }

    /// The record with U+0000 replaced in every text field, as the call log stores it.
    var storable: CallRecord {
        var record = self
        record.method = self.method.withoutNUL
        record.endpoint = self.endpoint.withoutNUL
        record.errorCode = self.errorCode?.withoutNUL
        record.attribution.model = self.attribution.model?.withoutNUL
        record.attribution.tier = self.attribution.tier?.withoutNUL
        record.attribution.upstreamRequestID = self.attribution.upstreamRequestID?.withoutNUL
        return record
    }
}
