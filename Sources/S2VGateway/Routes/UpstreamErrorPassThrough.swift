import S2VCore

/// An upstream error answer, passed on with the upstream's status, code and message.
enum UpstreamErrorPassThrough {
    static func serviceError(for reply: UpstreamReply) -> ServiceError {
        guard let error = reply.error else {
            return ServiceError(
                status: 502,
                code: "InternalError",
                message: "The upstream answered HTTP \(reply.status) without a readable error body."
            )
        }
        return ServiceError(status: reply.status, code: error.code, message: error.message)
    }
}
