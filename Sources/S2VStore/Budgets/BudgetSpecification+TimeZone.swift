import Foundation
import S2VCore

extension BudgetSpecification {
    /// The areas of IANA's canonical `Area/Location` zone names.
    static let timeZoneAreas: Set<String> = [
        "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific",
    ]

    /// Whether `name` is a canonical IANA zone name: `UTC`, `Etc/UTC`, or `Area/Location` (one or two
    /// location parts, such as `Asia/Shanghai` or `America/Argentina/Salta`) that Foundation knows.
    ///
    /// Refused: the host-dependent `localtime` and `posixrules`, `Factory`, the `posix/` and `right/` copies,
    /// POSIX rules (`EST5EDT`, `UTC+8`, `<+08>-8`), abbreviations, the `Etc/GMT±N` zones (whose signs are
    /// inverted) and the legacy aliases (`US/Eastern`, `PRC`). Foundation's `knownTimeZoneIdentifiers` is no
    /// guide on Linux: it lacks `UTC` and `Asia/Kolkata`. PostgreSQL must know the zone as well; the repository
    /// checks that when the budget is set.
    public static func isCanonicalTimeZoneName(_ name: String) -> Bool {
        if name == "UTC" || name == "Etc/UTC" { return true }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), Self.timeZoneAreas.contains(String(parts[0])) else { return false }
        let wellFormed = parts.dropFirst().allSatisfy { part in
            guard let first = part.unicodeScalars.first, first.isASCII, CharacterSet.letters.contains(first) else {
                return false
            }
            return part.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.letters.contains($0) || "_-".unicodeScalars.contains($0))
            }
        }
        return wellFormed && TimeZone(identifier: name) != nil
    }

    /// Refuses a time zone that is not a canonical IANA name.
    static func checkTimeZoneName(_ name: String) throws(DomainError) {
        guard Self.isCanonicalTimeZoneName(name) else { throw Self.unknownTimeZone(name) }
    }

    /// The refusal of a zone name, from this check or PostgreSQL's.
    public static func unknownTimeZone(_ name: String) -> DomainError {
        .invalid(
            """
            '\(name)' is not an IANA time zone name: use UTC or an Area/Location name such as Asia/Shanghai or \
            America/New_York (not localtime, posixrules, an abbreviation or a POSIX rule).
            """
        )
    }
}
