import Foundation
import S2VCore
import S2VReports

/// The API contract rendered for people (`GET /docs`): who may call what, then every operation with its
/// parameters, request body and responses, then every schema. It is rendered on the server from the document
/// itself, so the page runs no script and loads nothing from elsewhere: the gateway may have no internet access.
struct APIReferencePage {
    let document: JSONValue

    /// The methods an OpenAPI path item may hold, in the order the page lists them.
    static let methods = ["get", "post", "put", "patch", "delete", "head", "options"]

    var html: String {
        DashboardLayout.document(title: self.title, body: self.body)
    }

    private var title: String {
        let info = self.document["info"]
        return "\(info?["title"]?.stringValue ?? "API") \(info?["version"]?.stringValue ?? "") reference"
    }

    private var operations: [(path: String, method: String, operation: JSONValue, shared: [JSONValue])] {
        guard case .object(let paths) = self.document["paths"] else { return [] }
        return paths.keys.sorted().flatMap { path -> [(String, String, JSONValue, [JSONValue])] in
            let item = paths[path] ?? .null
            let shared = item["parameters"]?.arrayValue ?? []
            return Self.methods.compactMap { method in item[method].map { (path, method, $0, shared) } }
        }
    }

    private var body: String {
        var html = "<style>\(Self.css)</style>\n<header><h1>\(HTMLText.escape(self.title))</h1>"
        html += "<p><a href=\"/openapi.json\">openapi.json</a></p></header>\n"
        html += Self.paragraphs(self.document["info"]?["description"]?.stringValue)
        html += "<h2>Contents</h2>\n<ul class=\"contents\">\n"
        for entry in self.operations {
            let summary = entry.operation["summary"]?.stringValue ?? ""
            html += "<li><a href=\"#\(Self.anchor(entry.method, entry.path))\"><code>"
            html +=
                "\(entry.method.uppercased()) \(HTMLText.escape(entry.path))</code></a> \(HTMLText.escape(summary))</li>\n"
        }
        html += "</ul>\n" + self.securitySection
        for entry in self.operations {
            html += self.section(entry.path, entry.method, entry.operation, shared: entry.shared)
        }
        return html + self.schemasSection
    }

    private var securitySection: String {
        guard case .object(let schemes) = self.document["components"]?["securitySchemes"] else { return "" }
        var html = "<h2>Keys</h2>\n<table class=\"reference\"><tr><th>scheme</th><th>how</th><th>what</th></tr>\n"
        for name in schemes.keys.sorted() {
            let scheme = schemes[name] ?? .null
            let how = [scheme["type"]?.stringValue, scheme["scheme"]?.stringValue, scheme["name"]?.stringValue]
                .compactMap { $0 }.joined(separator: " ")
            html += "<tr><td><code>\(HTMLText.escape(name))</code></td><td>\(HTMLText.escape(how))</td>"
            html += "<td>\(HTMLText.escape(scheme["description"]?.stringValue ?? ""))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private func section(_ path: String, _ method: String, _ operation: JSONValue, shared: [JSONValue]) -> String {
        var html = "<section class=\"operation\" id=\"\(Self.anchor(method, path))\">\n"
        html += "<h2><code>\(method.uppercased()) \(HTMLText.escape(path))</code></h2>\n"
        if let summary = operation["summary"]?.stringValue { html += "<p><b>\(HTMLText.escape(summary))</b></p>\n" }
        html += Self.paragraphs(operation["description"]?.stringValue)
        html += "<p>Who may call: \(HTMLText.escape(self.callers(operation)))</p>\n"
        let parameters = (shared + (operation["parameters"]?.arrayValue ?? [])).map(self.resolved)
        if !parameters.isEmpty {
            html += "<h3>Parameters</h3>\n<table class=\"reference\"><tr><th>name</th><th>in</th>"
            html += "<th>required</th><th>type</th><th>description</th></tr>\n"
            for parameter in parameters {
                html += "<tr><td><code>\(HTMLText.escape(parameter["name"]?.stringValue ?? ""))</code></td>"
                html += "<td>\(HTMLText.escape(parameter["in"]?.stringValue ?? ""))</td>"
                html += "<td>\(parameter["required"] == .bool(true) ? "yes" : "no")</td>"
                html += "<td>\(self.summary(of: parameter["schema"]))</td>"
                html += "<td>\(HTMLText.escape(parameter["description"]?.stringValue ?? ""))</td></tr>\n"
            }
            html += "</table>\n"
        }
        if let body = operation["requestBody"].map(self.resolved) {
            html += "<h3>Request body\(body["required"] == .bool(true) ? "" : " (optional)")</h3>\n"
            html += Self.paragraphs(body["description"]?.stringValue) + self.contents(body["content"])
        }
        if case .object(let responses) = operation["responses"] {
            html += "<h3>Responses</h3>\n<table class=\"reference\"><tr><th>status</th><th>description</th>"
            html += "<th>body</th><th>headers</th></tr>\n"
            for status in responses.keys.sorted() {
                let response = self.resolved(responses[status] ?? .null)
                let headers = response["headers"]?.objectValue?.keys.sorted() ?? []
                html += "<tr><td>\(HTMLText.escape(status))</td>"
                html += "<td>\(HTMLText.escape(response["description"]?.stringValue ?? ""))</td>"
                html += "<td>\(self.contents(response["content"]))</td>"
                html +=
                    "<td>\(headers.map { "<code>\(HTMLText.escape($0))</code>" }.joined(separator: " "))</td></tr>\n"
            }
            html += "</table>\n"
        }
        return html + "</section>\n"
    }

    private var schemasSection: String {
        guard case .object(let schemas) = self.document["components"]?["schemas"] else { return "" }
        var html = "<h2>Schemas</h2>\n"
        for name in schemas.keys.sorted() {
            let schema = schemas[name] ?? .null
            html += "<section class=\"schema\" id=\"schema-\(Self.slug(name))\"><h3>\(HTMLText.escape(name))</h3>\n"
            html += Self.paragraphs(schema["description"]?.stringValue)
            guard case .object(let properties) = schema["properties"] else {
                html += "<p>\(self.summary(of: schema))</p></section>\n"
                continue
            }
            let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
            html +=
                "<table class=\"reference\"><tr><th>field</th><th>type</th><th>required</th><th>description</th></tr>\n"
            for field in properties.keys.sorted() {
                let property = properties[field] ?? .null
                html += "<tr><td><code>\(HTMLText.escape(field))</code></td><td>\(self.summary(of: property))</td>"
                html += "<td>\(required.contains(field) ? "yes" : "no")</td>"
                html += "<td>\(HTMLText.escape(property["description"]?.stringValue ?? ""))</td></tr>\n"
            }
            html += "</table></section>\n"
        }
        return html
    }

    /// Who may call an operation: its security requirements, or the document's.
    private func callers(_ operation: JSONValue) -> String {
        let requirements = (operation["security"] ?? self.document["security"])?.arrayValue ?? []
        let names = requirements.map { requirement in
            let keys = requirement.objectValue?.keys.sorted() ?? []
            return keys.isEmpty ? "anyone, without a key" : keys.joined(separator: " and ")
        }
        return names.isEmpty ? "anyone, without a key" : names.joined(separator: ", or ")
    }

    private func contents(_ content: JSONValue?) -> String {
        guard case .object(let types) = content else { return "" }
        return types.keys.sorted().map { type in
            "<code>\(HTMLText.escape(type))</code> \(self.summary(of: types[type]?["schema"]))"
        }.joined(separator: "<br>")
    }

    /// A schema in a few words, with links to the named schemas it uses.
    private func summary(of schema: JSONValue?, depth: Int = 0) -> String {
        guard let schema, depth < 4 else { return "" }
        if let reference = schema["$ref"]?.stringValue {
            let name = String(reference.split(separator: "/").last ?? "")
            return "<a href=\"#schema-\(Self.slug(name))\">\(HTMLText.escape(name))</a>"
        }
        for (keyword, joiner) in [("oneOf", " or "), ("anyOf", " or "), ("allOf", " and ")] {
            if let parts = schema[keyword]?.arrayValue {
                return parts.map { self.summary(of: $0, depth: depth + 1) }.joined(separator: joiner)
            }
        }
        var words: [String] = []
        switch schema["type"] {
        case .string(let type): words.append(type)
        case .array(let types): words.append(types.compactMap(\.stringValue).joined(separator: " or "))
        default: break
        }
        if let format = schema["format"]?.stringValue { words.append("(\(format))") }
        var text = HTMLText.escape(words.joined(separator: " "))
        if let items = schema["items"] { text += " of \(self.summary(of: items, depth: depth + 1))" }
        if let values = schema["enum"]?.arrayValue {
            text += ": " + values.map { "<code>\(HTMLText.escape($0.text))</code>" }.joined(separator: ", ")
        }
        if let value = schema["const"] { text += " <code>\(HTMLText.escape(value.text))</code>" }
        let bounds = [("minimum", "≥"), ("maximum", "≤"), ("minLength", "length ≥"), ("maxLength", "length ≤")]
            .compactMap { keyword, sign in schema[keyword].map { "\(sign) \($0.text)" } }
        if !bounds.isEmpty { text += " (\(HTMLText.escape(bounds.joined(separator: ", "))))" }
        return text
    }

    /// A parameter, request body or response, with a `$ref` to the document's components followed.
    private func resolved(_ value: JSONValue) -> JSONValue {
        guard let reference = value["$ref"]?.stringValue, reference.hasPrefix("#/") else { return value }
        return reference.dropFirst(2).split(separator: "/").reduce(self.document) { node, key in
            node[String(key)] ?? .null
        }
    }

    private static func anchor(_ method: String, _ path: String) -> String {
        "\(method)-\(Self.slug(path))"
    }

    private static func slug(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    private static func paragraphs(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return text.components(separatedBy: "\n\n").map { "<p>\(HTMLText.escape($0))</p>\n" }.joined()
    }

    private static let css = """
        table.reference { width: 100%; margin: 8px 0 16px; font-size: 13px; }
        table.reference th, table.reference td { border-bottom: 1px solid var(--line); padding: 4px 6px;
            text-align: left; vertical-align: top; }
        section.operation { border-top: 1px solid var(--line); margin-top: 24px; }
        ul.contents { columns: 2; font-size: 13px; } code { font-size: 13px; }
        """
}
