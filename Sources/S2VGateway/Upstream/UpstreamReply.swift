import Foundation

/// An HTTP answer from the upstream: its status and body.
struct UpstreamReply: Sendable {
    var status: Int
    var body: Data

    /// The upstream's flat error body, if it sent one.
    var error: (code: String, message: String, requestID: String?)? {
        struct Flat: Decodable {
            var code: String?
            var message: String?
            var msg: String?
            var request_id: String?
        }
        guard let flat = try? JSONDecoder().decode(Flat.self, from: self.body), let code = flat.code else { return nil }
        return (code, flat.message ?? flat.msg ?? "", flat.request_id)
    }

    /// `request_id` of a JSON body.
    var requestID: String? {
        struct Identified: Decodable { var request_id: String? }
        return (try? JSONDecoder().decode(Identified.self, from: self.body))?.request_id
    }
}
