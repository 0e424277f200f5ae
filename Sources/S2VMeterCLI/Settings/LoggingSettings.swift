import ArgumentParser
import Logging

/// Log level and format, resolved from every source. Logging is bootstrapped once per process.
struct LoggingSettings: Sendable, Equatable {
    enum Format: String, CaseIterable, Sendable, ExpressibleByArgument {
        case text
        case json
    }

    let level: Logger.Level
    let format: Format

    init(level: Logger.Level, format: Format) {
        self.level = level
        self.format = format
    }

    init(from source: SettingsSource) async throws {
        let levelText = try await source.text(.logLevel) ?? ""
        guard let level = Logger.Level(rawValue: levelText) else {
            throw SettingsError(
                "log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(levelText)\""
            )
        }
        let formatText = try await source.text(.logFormat) ?? ""
        guard let format = Format(rawValue: formatText) else {
            throw SettingsError("log-format must be text or json, not \"\(formatText)\"")
        }
        self.init(level: level, format: format)
    }

    /// Bootstraps swift-log (to stderr) and returns a logger with `label`.
    func bootstrap(label: String) -> Logger {
        let level = self.level
        switch self.format {
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        case .json:
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, logLevel: level) }
        }
        return Logger(label: label)
    }
}
