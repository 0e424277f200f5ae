import Foundation
import S2VStore

/// An external program the deployment-file tests run (python3, nginx, systemd-analyze), found on `PATH` or in
/// the sbin folders, where nginx usually lives.
struct DeployTool {
    let path: String

    /// The program named `name`, or nil when this machine does not have it.
    static func find(_ name: String) -> DeployTool? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/local/sbin", "/usr/sbin", "/sbin"]
        return folders.map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
            .map(DeployTool.init(path:))
    }

    /// Whether the tests must run even without the tools they need: CI installs them (.ci/run).
    static var isRequired: Bool {
        ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false
    }

    /// Whether python3 can import PyYAML.
    static var hasPyYAML: Bool {
        guard let python = Self.find("python3") else { return false }
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("yaml-\(UUID().uuidString).log")
            .path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        guard
            let child = try? ChildProcess(
                executable: python.path,
                arguments: ["-c", "import yaml"],
                outputPath: outputPath
            )
        else {
            return false
        }
        return child.waitBlocking() == 0
    }

    /// Runs the program to completion; returns its exit status and everything it printed.
    func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID().uuidString).log")
            .path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let child = try ChildProcess(executable: self.path, arguments: arguments, outputPath: outputPath)
        let status = await child.wait()
        return (status, child.output)
    }

    /// Every YAML document of `file`, parsed by PyYAML (`safe_load_all`, merge keys included) and handed over
    /// as JSON values.
    static func loadYAML(_ file: URL) async throws -> [Any] {
        guard let python = Self.find("python3") else { throw DeployToolError.missing("python3") }
        let jsonPath = FileManager.default.temporaryDirectory.appendingPathComponent("yaml-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: jsonPath) }
        let script =
            "import json, sys, yaml; json.dump(list(yaml.safe_load_all(open(sys.argv[1]))), open(sys.argv[2], 'w'))"
        let (status, output) = try await python.run(["-c", script, file.path, jsonPath])
        guard status == 0 else {
            throw DeployToolError.failed("\(file.lastPathComponent) is not valid YAML: \(output)")
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: jsonPath))
        guard let documents = try JSONSerialization.jsonObject(with: data) as? [Any] else {
            throw DeployToolError.failed("\(file.lastPathComponent): no YAML documents")
        }
        return documents
    }
}

enum DeployToolError: Error, CustomStringConvertible {
    case missing(String)
    case failed(String)

    var description: String {
        switch self {
        case .missing(let tool): "\(tool) is not installed"
        case .failed(let reason): reason
        }
    }
}
