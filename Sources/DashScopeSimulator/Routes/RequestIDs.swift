import Foundation

/// Makes the `request_id` every answer carries.
enum RequestIDs {
    /// A fresh lowercase UUID, as upstream uses.
    static func make() -> String {
        UUID().uuidString.lowercased()
    }
}
