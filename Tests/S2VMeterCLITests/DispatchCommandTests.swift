import Foundation
import S2VTestSupport
import Testing

/// `accounts`, `limits`, `keys priority` and `queue`, run as a user runs them.
@Suite struct DispatchCommandTests {
    @Test func accountsAreAddedListedAndRemoved() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        let added = try await CommandLineProcess.run([
            "accounts", "add", "east", "--key-env", "DASHSCOPE_KEY_EAST", "--max-in-flight", "2", "--database-url", url,
        ])
        #expect(added.status == 0, "\(added.output)")
        #expect(added.output.contains("added account east (key from env:DASHSCOPE_KEY_EAST)"), "\(added.output)")
        #expect(
            try await CommandLineProcess.run([
                "accounts", "add", "west", "--key-file", "/etc/s2v/west.key", "--database-url", url,
            ]).status == 0
        )
        let twice = try await CommandLineProcess.run([
            "accounts", "add", "east", "--key-env", "X", "--database-url", url,
        ])
        #expect(twice.status != 0)
        #expect(twice.output.contains("already exists"), "\(twice.output)")
        let neither = try await CommandLineProcess.run(["accounts", "add", "north", "--database-url", url])
        #expect(neither.output.contains("give exactly one of --key-env VARIABLE or --key-file PATH"))

        let listed = try await CommandLineProcess.run(["accounts", "list", "--database-url", url])
        #expect(listed.output.contains("env:DASHSCOPE_KEY_EAST"), "\(listed.output)")
        #expect(listed.output.contains("file:/etc/s2v/west.key"))
        #expect(!listed.output.contains("sk-"), "no key is ever shown")

        #expect(try await CommandLineProcess.run(["accounts", "remove", "west", "--database-url", url]).status == 0)
        let afterRemoval = try await CommandLineProcess.run(["accounts", "list", "--database-url", url])
        #expect(!afterRemoval.output.contains("west"))
        let unknown = try await CommandLineProcess.run(["accounts", "remove", "west", "--database-url", url])
        #expect(unknown.status != 0)
        #expect(unknown.output.contains("no account named 'west'"))
    }

    @Test func limitsPriorityAndTheQueue() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        #expect(try await CommandLineProcess.run(["teams", "create", "render", "--database-url", url]).status == 0)
        #expect(
            try await CommandLineProcess.run(["keys", "create", "--team", "render", "--database-url", url]).status == 0
        )

        let set = try await CommandLineProcess.run([
            "limits", "set", "--team", "render", "--rps", "2.5", "--burst", "10", "--max-active", "4", "--database-url",
            url,
        ])
        #expect(set.status == 0, "\(set.output)")
        let half = try await CommandLineProcess.run([
            "limits", "set", "--key", "1", "--rps", "3", "--database-url", url,
        ])
        #expect(half.output.contains("needs both requests per second and a burst"), "\(half.output)")
        let listed = try await CommandLineProcess.run(["limits", "list", "--database-url", url])
        #expect(listed.output.contains("render"), "\(listed.output)")
        #expect(listed.output.contains("2.5"))
        #expect(
            try await CommandLineProcess.run(["limits", "clear", "--team", "render", "--database-url", url]).status == 0
        )
        #expect(
            try await CommandLineProcess.run(["limits", "list", "--database-url", url]).output.contains(
                "no client limits"
            )
        )

        let priority = try await CommandLineProcess.run(["keys", "priority", "1", "5", "--database-url", url])
        #expect(priority.output.contains("key 1 now has dispatch priority 5"), "\(priority.output)")
        #expect(try await CommandLineProcess.run(["keys", "priority", "1", "500", "--database-url", url]).status != 0)

        let queue = try await CommandLineProcess.run(["queue", "--format", "json", "--database-url", url])
        #expect(queue.status == 0, "\(queue.output)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(queue.standardOutput.utf8)) as? [String: Any]
        )
        #expect((document["teams"] as? [Any])?.isEmpty == true)
        let table = try await CommandLineProcess.run(["queue", "--database-url", url])
        #expect(table.output.contains("no queued or running tasks"), "\(table.output)")
    }
}
