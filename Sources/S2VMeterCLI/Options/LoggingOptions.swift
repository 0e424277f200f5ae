import ArgumentParser
import Logging

/// Log level and format. Logging is bootstrapped once per process, by the command that runs.
struct LoggingOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Option(name: .customLong("log-level"), help: "One of trace, debug, info, notice, warning, error, critical.")
    var level: Logger.Level = .info

    @Option(name: .customLong("log-format"), help: "text for people, json for one JSON object per line.")
    var format: Format = .text

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

extension Logger.Level: @retroactive ExpressibleByArgument {}
