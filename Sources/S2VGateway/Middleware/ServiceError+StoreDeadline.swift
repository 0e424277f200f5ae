import S2VCore

extension ServiceError {
    /// 503: the store did not answer within the request's store deadline, before anything was called upstream.
    static let storeDeadlinePassed = ServiceError.serviceUnavailable(
        "The metering store did not answer in time; no call was made, please retry."
    )

    /// 503: the upstream call was made, but the store did not record its outcome within the request's store
    /// deadline. The write goes on; if it fails, the call's durable record settles it later.
    static let outcomeNotRecordedInTime = ServiceError.serviceUnavailable(
        "The upstream call was made, but the metering store did not record its outcome in time; it is settled from the call's record once the store answers."
    )
}
