import Foundation

/// Typed fields of a request document's objects. `null` counts as absent; a value of the wrong type is a 400
/// `InvalidParameter` naming its path, such as `parameters.resolution`.
extension [String: JSONValue] {
    public func string(_ key: String, at path: String) throws(ServiceError) -> String? {
        switch self[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw Self.wrongType(path, "a string")
        }
    }

    public func object(_ key: String, at path: String) throws(ServiceError) -> [String: JSONValue]? {
        switch self[key] {
        case nil, .null?: return nil
        case .object(let object)?: return object
        default: throw Self.wrongType(path, "an object")
        }
    }

    public func array(_ key: String, at path: String) throws(ServiceError) -> [JSONValue]? {
        switch self[key] {
        case nil, .null?: return nil
        case .array(let array)?: return array
        default: throw Self.wrongType(path, "an array")
        }
    }

    /// A whole number that fits `Int64`.
    public func integer(_ key: String, at path: String) throws(ServiceError) -> Int64? {
        switch self[key] {
        case nil, .null?: return nil
        case .number(let number)?:
            guard number == number.rounded(scale: 0), let value = Int64(number.exactString) else {
                throw .invalidParameter("\(path) must be a whole number.")
            }
            return value
        default: throw Self.wrongType(path, "a whole number")
        }
    }

    private static func wrongType(_ path: String, _ expected: String) -> ServiceError {
        .invalidParameter("\(path) has the wrong type: it must be \(expected).")
    }
}

extension JSONValue {
    /// The document's top-level object, or the 400 a client gets when the body is not one.
    public func requireObject() throws(ServiceError) -> [String: JSONValue] {
        guard case .object(let object) = self else {
            throw .invalidParameter("The request body must be a JSON object.")
        }
        return object
    }
}
