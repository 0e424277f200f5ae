/// DashScope's flat error body.
struct ErrorBody: Encodable {
    var requestID: String
    var code: String
    var message: String

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
        case code
        case message
    }
}
