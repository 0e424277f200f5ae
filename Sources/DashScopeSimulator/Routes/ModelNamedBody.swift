/// Any submission body, read for its `model` alone: the model decides which body type reads the rest.
struct ModelNamedBody: Decodable, Sendable {
    var model: String?
}
