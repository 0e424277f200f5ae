import Foundation
import S2VStore

/// Reads CSV with a standard reader, Python's `csv` module, so the gateway's CSV is checked by code it shares
/// nothing with. Returns the rows as dictionaries keyed by the header.
enum StandardCSVReader {
    static func rows(_ csv: String) async throws -> [[String: String]] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("s2v-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.csv")
        let output = directory.appendingPathComponent("out.json")
        try Data(csv.utf8).write(to: input)
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline='') as f:
                rows = list(csv.DictReader(f, strict=True))
            json.dump(rows, open(sys.argv[2], 'w'))
            """
        let outcome = try await ProcessRunner(user: nil).run(
            "/usr/bin/env",
            ["python3", "-c", script, input.path, output.path]
        )
        guard outcome.succeeded else { throw CSVReaderFailure(status: outcome.status, output: outcome.output) }
        let data = try Data(contentsOf: output)
        return try JSONSerialization.jsonObject(with: data) as? [[String: String]] ?? []
    }

    struct CSVReaderFailure: Error {
        var status: Int32
        var output: String
    }
}
