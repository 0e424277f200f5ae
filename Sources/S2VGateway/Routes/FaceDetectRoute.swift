import Foundation
import Hummingbird
import NIOCore
import S2VCore
import S2VStore

/// `POST /api/v1/services/aigc/image2video/face-detect`: synchronous and billed per image, also when the check
/// fails. The protocol from intent to settlement is `FaceDetection`'s.
struct FaceDetectRoute: Sendable {
    let store: GatewayStore
    let detection: FaceDetection

    init(store: GatewayStore, pool: AccountPool, slotWait: Duration) {
        self.store = store
        self.detection = FaceDetection(store: store, pool: pool, slotWait: slotWait)
    }

    func handle(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let (caller, teamID) = try context.requireTeamCaller()
        let tags = try request.costTags(of: caller)
        let document = try await request.jsonDocument(context: context)
        let (model, price) = try await self.store.priceCall(document, kind: .detect, context: context)
        let reply = try await self.detection.check(
            document,
            model: model,
            price: price,
            caller: caller,
            teamID: teamID,
            tags: tags,
            context: context
        )
        var response = Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body))
        )
        response.headers[.init("X-S2V-Request-Id")!] = context.requestIDText
        return response
    }
}
