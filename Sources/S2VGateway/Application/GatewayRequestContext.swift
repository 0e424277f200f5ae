import Foundation
import Hummingbird
import Logging

/// Per-request state shared by the gateway's middleware and routes.
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// DashScope-style request id, returned in every body and logged with every line.
    public let requestID: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = UUID().uuidString.lowercased()
        self.logger[metadataKey: "request_id"] = .string(self.requestID)
    }
}
