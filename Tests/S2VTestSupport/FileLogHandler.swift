import Foundation
import Logging
import Synchronization

/// Writes log lines to a file, unbuffered: for diagnosing one gateway of a test run (`S2V_TEST_LOG_DIR`).
public struct FileLogHandler: LogHandler {
    private final class Sink: Sendable {
        let descriptor: Int32
        init(path: String) { self.descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644) }
        func write(_ line: String) {
            _ = line.withCString { Glibc.write(self.descriptor, $0, strlen($0)) }
        }
    }

    private let sink: Sink
    private let label: String
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .debug

    public init(label: String, path: String) {
        self.label = label
        self.sink = Sink(path: path)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let fields = self.metadata.merging(event.metadata ?? [:]) { $1 }.map { "\($0)=\($1)" }.sorted().joined(
            separator: " "
        )
        self.sink.write(
            "\(Date().timeIntervalSince1970) \(event.level) \(self.label): \(fields) [\(event.source)] \(event.message)\n"
        )
    }
}
