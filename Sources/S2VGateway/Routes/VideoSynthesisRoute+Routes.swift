import Hummingbird

extension VideoSynthesisRoute {
    /// Registers `POST services/aigc/image2video/video-synthesis` on the DashScope API group (`/api/v1`).
    func addRoutes(to api: some RouterMethods<GatewayRequestContext>) {
        api.post("services/aigc/image2video/video-synthesis", use: self.handle)
    }
}
