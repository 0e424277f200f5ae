import Foundation
import S2VStore

/// Debian's `chromium`, run headless on a URL, bounded in time: `timeout` kills it if it has not finished.
struct HeadlessChromium {
    /// Where Debian installs it; `chromium-browser` on other systems.
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    /// The longest one run may take.
    static let timeLimitSeconds = 90

    let executable: String

    /// The DOM after the page and everything it navigated to have loaded (10 s of virtual time).
    func dumpDOM(of url: String) async throws -> (status: Int32, dom: String) {
        try await self.run(["--dump-dom", url])
    }

    /// Writes a screenshot of `url` to `path`.
    func screenshot(
        of url: String,
        to path: String,
        width: Int = 1280,
        height: Int = 2000
    ) async throws -> (status: Int32, output: String) {
        let outcome = try await self.run(["--screenshot=\(path)", "--window-size=\(width),\(height)", url])
        return (outcome.status, outcome.dom)
    }

    private func run(_ arguments: [String]) async throws -> (status: Int32, dom: String) {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
            .path
        let outputPath = profile + ".out"
        defer {
            try? FileManager.default.removeItem(atPath: profile)
            try? FileManager.default.removeItem(atPath: outputPath)
        }
        // Tests run as root, where Chromium needs --no-sandbox; its own profile keeps parallel runs apart.
        let chromium =
            [
                self.executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--user-data-dir=\(profile)", "--virtual-time-budget=10000",
            ] + arguments
        // stdout only (the DOM); Chromium's diagnostics on stderr are dropped.
        let child = try ChildProcess(
            executable: "/bin/sh",
            arguments: ["-c", #"exec /usr/bin/timeout -k 5 "$0" "$@" 2>/dev/null"#, "\(Self.timeLimitSeconds)"]
                + chromium,
            outputPath: outputPath
        )
        let status = await child.wait()
        return (status, child.output)
    }
}
