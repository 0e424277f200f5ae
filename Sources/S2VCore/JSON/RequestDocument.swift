/// A client's JSON body as the gateway reads it, once: the value that is validated and priced, and the text
/// written from that value, which is what is stored and sent upstream. There is no second reading of the client's
/// bytes, so what is priced, what is stored and what is sent are one document, for every route and every model.
public struct RequestDocument: Sendable, Equatable {
    /// The parsed body.
    public let value: JSONValue
    /// Compact JSON written from `value`.
    public let text: String

    /// Reads `body` with `StrictJSONReader`; anything it refuses is a 400 `InvalidParameter` that says why.
    public init(parsing body: some Collection<UInt8>) throws(ServiceError) {
        do {
            self.value = try StrictJSONReader.read(body)
        } catch {
            throw .invalidParameter("The request body is not accepted JSON: \(error).")
        }
        self.text = self.value.text
    }
}
