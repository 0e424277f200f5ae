import HTTPTypes
import Hummingbird
import S2VCore

extension Request {
    /// The header a DashScope call adds cost-attribution tags with: `X-S2V-Tags: project=launch,customer=acme`.
    static let costTagsHeader = HTTPField.Name("X-S2V-Tags")!

    /// The tags of this call: the caller's key's defaults plus those of the `X-S2V-Tags` header (several
    /// headers are one list), with every tag key the team requires. A bad tag, an override of a key's tag or a
    /// missing required key is a 400 before anything is held, written or sent.
    func costTags(of caller: Caller) throws -> CostTags {
        let header = self.headers[values: Self.costTagsHeader]
            .filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
            .joined(separator: ",")
        return try caller.callTags(adding: CostTags.parse(header: header))
    }
}
