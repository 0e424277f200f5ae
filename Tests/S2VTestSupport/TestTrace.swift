import Foundation
import Synchronization

/// Diagnostic tracing for hung tests: with S2V_TEST_TRACE=<file>, every traced step writes a BEGIN and an END
/// line to that file, unbuffered, so a frozen run shows which steps never finished.
public enum TestTrace {
    private static let descriptor: Int32? = {
        guard let path = ProcessInfo.processInfo.environment["S2V_TEST_TRACE"] else { return nil }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        return fd >= 0 ? fd : nil
    }()
    private static let counter = Atomic<Int>(0)

    public static func step<Result>(_ name: String, _ body: () async throws -> Result) async rethrows -> Result {
        guard let descriptor else { return try await body() }
        let id = counter.add(1, ordering: .relaxed).newValue
        write(descriptor, "BEGIN \(id) \(name)")
        do {
            let result = try await body()
            write(descriptor, "END \(id) \(name)")
            return result
        } catch {
            write(descriptor, "END \(id) \(name) threw \(error)")
            throw error
        }
    }

    private static func write(_ descriptor: Int32, _ line: String) {
        let text = "\(Date().timeIntervalSince1970) \(line)\n"
        _ = text.withCString { Glibc.write(descriptor, $0, strlen($0)) }
    }
}
