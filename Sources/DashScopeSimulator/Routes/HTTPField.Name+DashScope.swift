import HTTPTypes

extension HTTPField.Name {
    /// `X-DashScope-Async: enable` marks an asynchronous call.
    static let dashScopeAsync = HTTPField.Name("X-DashScope-Async")!
    /// `X-DashScope-OssResourceResolve: enable` allows `oss://` input URLs.
    static let dashScopeOssResourceResolve = HTTPField.Name("X-DashScope-OssResourceResolve")!
}
