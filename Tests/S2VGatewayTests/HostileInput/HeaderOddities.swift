/// Odd headers: `Content-Type` missing, duplicated or wrong, `X-DashScope-Async` variants, `Authorization` with
/// odd tokens, very long headers (within the server's limits), cookies, `Accept`.
enum HeaderOddities {
    /// Changes `headers` in one odd way; returns what it did.
    static func apply(
        to headers: inout [(name: String, value: String)],
        fixture: FuzzFixture,
        using random: inout some RandomNumberGenerator
    ) -> String {
        switch Int.random(in: 0..<8, using: &random) {
        case 0:
            headers.removeAll { $0.name == "Content-Type" }
            let types = [
                "", "text/plain", "application/json; charset=utf-16", "application/json; charset=utf-32le",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json;;;;",
                "application/xml", "*/*", "application/json\u{00E9}", String(repeating: "a", count: 4_000),
            ]
            if Bool.random(using: &random) { return "no Content-Type" }
            let value = types.randomElement(using: &random)!
            headers.append(("Content-Type", value))
            return "Content-Type \(value.prefix(40).debugDescription)"
        case 1:
            let second = ["application/json", "text/plain", "application/json; charset=utf-16"].randomElement(
                using: &random
            )!
            headers.append(("Content-Type", second))
            return "a second Content-Type: \(second)"
        case 2:
            headers.removeAll { $0.name == "X-DashScope-Async" }
            let values = [
                "disable", "ENABLE", " enable ", "enable, enable", "true", "1", "", "enablé", "enable\u{00A0}",
                String(repeating: "enable", count: 500),
            ]
            if Bool.random(using: &random) { return "no X-DashScope-Async" }
            let value = values.randomElement(using: &random)!
            headers.append(("X-DashScope-Async", value))
            if Bool.random(using: &random) { headers.append(("X-DashScope-Async", "enable")) }
            return "X-DashScope-Async \(value.prefix(40).debugDescription)"
        case 3:
            headers.removeAll { $0.name == "Authorization" }
            let tokens = [
                "Bearer", "Bearer ", "Bearer     ", "bearer \(fixture.teamKey)", "BEARER \(fixture.adminKey)",
                "Bearer \(fixture.teamKey) extra", "Bearer  \(fixture.teamKey)", "Basic dXNlcjpwYXNz",
                "Bearer " + String(repeating: "k", count: 6_000), "Bearer %00", "Bearer ' OR 1=1 --",
                "Bearer 日本語", "Bearer \(fixture.teamKey.dropLast())", "Bearer \(fixture.teamKey)x",
                "Token \(fixture.teamKey)", "Bearer s2v_", "Bearer \"\(fixture.teamKey)\"", "",
            ]
            let value = tokens.randomElement(using: &random)!
            headers.append(("Authorization", value))
            return "Authorization \(value.prefix(40).debugDescription)"
        case 4:
            let second = ["Bearer \(fixture.adminKey)", "Bearer \(fixture.teamKey)", "Bearer nope"].randomElement(
                using: &random
            )!
            headers.append(("Authorization", second))
            return "a second Authorization header"
        case 5:
            let length = Int.random(in: 1_000...7_000, using: &random)
            headers.append(("X-Fuzz", String(repeating: "v", count: length)))
            return "a \(length)-byte header"
        case 6:
            let count = Int.random(in: 20...80, using: &random)
            for index in 0..<count { headers.append(("X-Fuzz-\(index)", String(repeating: "w", count: 50))) }
            return "\(count) extra headers"
        default:
            let cookies = [
                "s2v_dashboard=%00", "s2v_dashboard=" + String(repeating: "c", count: 3_000),
                "s2v_dashboard=deleted", "s2v_dashboard=", "s2v_dashboard=a; s2v_dashboard=b", "=;=;=",
                "s2v_dashboard=\"quoted\"", "s2v_dashboard=日本",
            ]
            let accepts = [
                "text/csv", "text/html", "text/plain", "*/*", "application/xml",
                String(repeating: "text/csv,", count: 300),
            ]
            if Bool.random(using: &random) {
                let value = cookies.randomElement(using: &random)!
                headers.append(("Cookie", value))
                return "Cookie \(value.prefix(40).debugDescription)"
            }
            let value = accepts.randomElement(using: &random)!
            headers.append(("Accept", value))
            return "Accept \(value.prefix(40).debugDescription)"
        }
    }
}
