import Hummingbird

extension FaceDetectRoute {
    /// Registers `POST services/aigc/image2video/face-detect` on the DashScope API group (`/api/v1`).
    func addRoutes(to api: some RouterMethods<GatewayRequestContext>) {
        api.post("services/aigc/image2video/face-detect", use: self.handle)
    }
}
