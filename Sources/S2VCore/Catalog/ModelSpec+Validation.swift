import Foundation

extension ModelSpec {
    /// Checks a client's body against the model's rules and returns the tier that prices it. Every refusal is a 400
    /// `InvalidParameter` naming the field, before anything is held or sent.
    public func validate(_ document: RequestDocument) throws(ServiceError) -> String {
        let root = try document.value.requireObject()
        let input = try root.object("input", at: "input") ?? [:]
        let parameters = try root.object("parameters", at: "parameters") ?? [:]
        for (name, rule) in self.inputs.sorted(by: { $0.key < $1.key }) {
            let sent = ([name] + rule.aliases).lazy.compactMap { input[$0] }.first { $0 != .null }
            let path = "input.\(name)"
            try rule.check(sent, at: path)
        }
        for (name, rule) in self.parameters.sorted(by: { $0.key < $1.key }) {
            try rule.check(parameters[name], at: "parameters.\(name)")
        }
        switch self.tierSource {
        case .none:
            return ""
        case .parameter(let field, let fallback):
            guard let value = parameters[field], value != .null else {
                guard let fallback else { throw .invalidParameter("parameters.\(field) is required.") }
                return fallback
            }
            guard case .string(let tier) = value, !tier.isEmpty else {
                throw .invalidParameter("parameters.\(field) must be a non-empty string.")
            }
            return tier
        case .boxRatio(let field):
            guard let value = input[field], value != .null else {
                throw .invalidParameter("input.\(field) is required.")
            }
            return try FaceBox(value, at: "input.\(field)").ratio
        }
    }
}
