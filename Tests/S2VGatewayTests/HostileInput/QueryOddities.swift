/// Odd query strings, as they go on the request line: NUL, broken percent-encoding, dates out of PostgreSQL's range,
/// impossible months, repeated parameters, huge and very long values, unicode.
enum QueryOddities {
    /// Values in wire form (already percent-encoded where needed; `%ZZ` and friends deliberately broken).
    static let values: [String] = [
        "%00", "a%00b", "%00%00%00", "%ZZ", "%", "%2", "%G0", "%E2%82", "%FF%FE", "%C0%80", "%ED%A0%80", "%F4%90%80%80",
        "99999-01-01", "0000-00-00", "0000-01-01", "0001-01-01", "1969-12-31", "9999-12-31", "10000-01-01",
        "2026-02-30", "2026-13-01", "2026-1-1", "+2026-01-01", "-2026-01-01", "2026-01-01T25:00:00Z",
        "2026-01-01T00:00:00%2B99:00", "294277-01-01T00:00:00Z", "300000-01-01T00:00:00Z", "292278-12-31T23:59:59Z",
        "10000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "99999-12-31T23:59:59.999Z", "-4714-11-24T00:00:00Z",
        "5874898-01-01",
        "9999-12-31T23:59:59.999999999Z", "0000-00", "0000-01", "2026-00", "2026-13", "1969-12", "9999-12", "99999-01",
        "2026-1", "-001-01", "%2B999-01", "2026-01-01",
        "99999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-1", "0",
        "1e3", "0x10", "1.5", "%201", "1%20", "%EF%BC%91%EF%BC%92", "NaN", "inf", "-inf", "null", "true", "[]", "{}",
        "", "%20", "+", "++", "%2B", "=", "==", "a=b", "%26", "%3D", "%23frag",
        "%27%3B%20DROP%20TABLE%20call_log%3B%20--", "%24%31", "%5C", "%22", "%0D%0AX-Injected:%201", "%0A", "%09",
        "%E6%97%A5%E6%9C%AC%E8%AA%9E", "%F0%9F%98%80", "%E2%80%AE", "%EF%BF%BF", "%EF%BB%BF",
        "team,team,day", ",,,", "team,%00", "tier,month,key,model,day,team", "TEAM", "galaxy",
        "csv", "CSV", "html", "table", "json%00", "xml", "4xx", "6xx", "0xx", "999", "99", "5xx", "xx", "4XX",
        "budget", "budget%00", "account", "not-a-uuid", "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff", "%7B00000000-0000-0000-0000-000000000000%7D",
        "wan2.2-s2v", "wan2.2-s2v%00", "InvalidParameter", "fuzz-team", "fuzz-team%00", "fuzz%2Dteam", "..%2F..",
    ]

    /// Values a parameter of this name is meant to take, nearly: so that half the odd values reach the parser of
    /// the parameter that reads them instead of the first check they fail.
    static func typed(_ name: String) -> [String] {
        switch name {
        case "from", "to":
            Self.values.filter {
                $0.first?.isNumber == true || $0.hasPrefix("-") || $0.hasPrefix("+") || $0.hasPrefix("%2B")
            }
        case "month": Self.values.filter { $0.count <= 8 && $0.contains("-") }
        case "page_no", "page_size", "key_id", "cursor", "limit", "days":
            Self.values.filter { $0.allSatisfy { "0123456789-+.e%xEFBC".contains($0) } }
        case "task_id": Self.values.filter { $0.count >= 32 || $0.contains("uuid") }
        case "status": Self.values.filter { $0.count <= 3 }
        default: Self.values
        }
    }

    /// One value for `name`, sometimes very long.
    static func value(for name: String, using random: inout some RandomNumberGenerator) -> String {
        switch Int.random(in: 0..<12, using: &random) {
        case 0:
            let unit = ["a", "%00", "9", "%E6%97%A5", "2026-01-01,", "team,"].randomElement(using: &random)!
            return String(repeating: unit, count: Int.random(in: 200...3_000, using: &random) / unit.count)
        case 1...5:
            return (Self.typed(name).randomElement(using: &random)) ?? Self.values.randomElement(using: &random)!
        default:
            return Self.values.randomElement(using: &random)!
        }
    }

    /// A query string of one to four odd parameters over `names` (plus a stranger), sometimes repeated, sometimes
    /// without `=`.
    static func query(names: [String], using random: inout some RandomNumberGenerator) -> String {
        let pool = names + ["x", "%00", "team%00", "page_no", "limit", "a[]", "__proto__", ""]
        var pairs: [String] = []
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let name = (names.isEmpty || Int.random(in: 0..<5, using: &random) == 0 ? pool : names).randomElement(
                using: &random
            )!
            switch Int.random(in: 0..<10, using: &random) {
            case 0: pairs.append(name)
            case 1:
                pairs += [
                    name + "=" + Self.value(for: name, using: &random),
                    name + "=" + Self.value(for: name, using: &random),
                ]
            default: pairs.append(name + "=" + Self.value(for: name, using: &random))
            }
        }
        let separator = Int.random(in: 0..<15, using: &random) == 0 ? "&&" : "&"
        return pairs.joined(separator: separator)
    }
}
