import Foundation
import S2VStore

#if canImport(Glibc)
import Glibc
#endif

/// Hangs a PostgreSQL cluster the way a stuck server hangs: its postmaster and every backend SIGSTOPped, so
/// connections stay open and nothing answers. Only for a cluster of the test's own, never the shared one.
struct ClusterFreeze {
    let postmaster: pid_t
    private(set) var stopped: [pid_t] = []

    /// Finds the postmaster of the cluster in `pgData` (the first line of its `postmaster.pid`).
    init(pgData: String) throws {
        let text = try String(contentsOfFile: pgData + "/postmaster.pid", encoding: .utf8)
        guard let first = text.split(separator: "\n").first, let pid = pid_t(first.trimmingCharacters(in: .whitespaces))
        else { throw CocoaError(.fileReadCorruptFile) }
        self.postmaster = pid
    }

    /// Stops the postmaster first, so that it starts no new backend, then each of its children.
    mutating func freeze() {
        kill(self.postmaster, SIGSTOP)
        self.stopped = [self.postmaster] + Self.children(of: self.postmaster)
        for child in self.stopped.dropFirst() { kill(child, SIGSTOP) }
    }

    /// Lets every stopped process go on; harmless when nothing is stopped.
    mutating func thaw() {
        for pid in self.stopped.reversed() { kill(pid, SIGCONT) }
        self.stopped = []
    }

    /// Processes whose parent is `parent`, read from `/proc/<pid>/stat` (the field after the command's `)`).
    static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, pid_t(fields[1]) == parent else { return nil }
            return pid
        }
    }
}
