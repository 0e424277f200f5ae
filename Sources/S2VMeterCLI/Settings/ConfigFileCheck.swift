import Foundation

/// Checks a config file before its values are read: a JSON object whose keys are all settings. A misspelt key is
/// an error rather than a setting silently left at its default.
enum ConfigFileCheck {
    /// Returns the keys the file sets.
    static func check(path: String) throws -> Set<String> {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SettingsError("config file \(path) cannot be read: \(error.localizedDescription)")
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw SettingsError("config file \(path) is not valid JSON: \(error.localizedDescription)")
        }
        guard let object = parsed as? [String: Any] else {
            throw SettingsError("config file \(path) must hold one JSON object, such as {\"port\": 8080}")
        }
        let unknown = object.keys.filter { Setting.named($0) == nil }.sorted()
        guard unknown.isEmpty else {
            let known = Setting.all.map(\.key).joined(separator: ", ")
            throw SettingsError(
                "config file \(path) has unknown setting\(unknown.count == 1 ? "" : "s") \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")); known settings: \(known)"
            )
        }
        for (key, value) in object where value is [String: Any] || value is [Any] {
            throw SettingsError("config file \(path): \"\(key)\" must be a single value, not a list or an object")
        }
        return Set(object.keys)
    }
}
