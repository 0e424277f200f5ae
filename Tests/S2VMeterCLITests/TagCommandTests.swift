import Foundation
import S2VStore
import S2VTestSupport
import Testing

/// Issue 19 on the command line: keys with default tags, `keys tag` audited before and after, `teams
/// require-tags`, budgets on a tag, and the reports by tag.
@Suite struct TagCommandTests {
    @Test func keysCarryTagsAndTheirChangesAreAudited() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        #expect(try await CommandLineProcess.run(["teams", "create", "acme", "--database-url", url]).status == 0)
        let created = try await CommandLineProcess.run([
            "keys", "create", "--team", "acme", "--tag", "project=launch", "--tag", "env=prod", "--database-url", url,
        ])
        #expect(created.status == 0, "\(created.output)")
        #expect(created.output.contains("tags: env=prod,project=launch"), "\(created.output)")
        let listed = try await CommandLineProcess.run(["keys", "list", "--database-url", url])
        #expect(listed.output.contains("env=prod,project=launch"), "\(listed.output)")

        let bad = try await CommandLineProcess.run([
            "keys", "create", "--team", "acme", "--tag", "Project=launch", "--database-url", url,
        ])
        #expect(bad.status != 0)
        #expect(bad.output.contains("The tag key 'Project' is not valid"), "\(bad.output)")
        let twice = try await CommandLineProcess.run([
            "keys", "create", "--team", "acme", "--tag", "env=a", "--tag", "env=b", "--database-url", url,
        ])
        #expect(twice.output.contains("The tag 'env' is given twice."), "\(twice.output)")

        let changed = try await CommandLineProcess.run([
            "keys", "tag", "1", "--tag", "env=staging", "--untag", "project", "--database-url", url,
        ])
        #expect(changed.status == 0, "\(changed.output)")
        #expect(changed.output.contains("key 1: tags env=prod,project=launch -> env=staging"), "\(changed.output)")
        let nothing = try await CommandLineProcess.run(["keys", "tag", "1", "--database-url", url])
        #expect(nothing.status != 0 && nothing.output.contains("give at least one --tag"))
        let unknown = try await CommandLineProcess.run(["keys", "tag", "99", "--tag", "a=b", "--database-url", url])
        #expect(unknown.status != 0 && unknown.output.contains("no active team key with id 99"), "\(unknown.output)")

        let audit = try await CommandLineProcess.run([
            "audit", "changes", "--object", "key", "--format", "json", "--database-url", url,
        ])
        let changes = try #require(
            (try JSONSerialization.jsonObject(with: Data(audit.standardOutput.utf8)) as? [String: Any])?["changes"]
                as? [[String: Any]],
            "\(audit.output)"
        )
        let update = try #require(changes.first { $0["action"] as? String == "update" }, "\(changes)")
        #expect(
            (update["before"] as? [String: Any])?["tags"] as? [String: String] == ["env": "prod", "project": "launch"]
        )
        #expect((update["after"] as? [String: Any])?["tags"] as? [String: String] == ["env": "staging"])
        #expect((update["actor"] as? String)?.hasPrefix("cli:") == true)
        try await database.cluster.dropDatabase(database.name)
    }

    @Test func teamsRequireTagKeysAndBudgetsCountATag() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        #expect(try await CommandLineProcess.run(["teams", "create", "acme", "--database-url", url]).status == 0)
        let required = try await CommandLineProcess.run([
            "teams", "require-tags", "acme", "project", "cost_center", "--database-url", url,
        ])
        #expect(required.status == 0, "\(required.output)")
        #expect(required.output.contains("team acme requires the tag keys cost_center, project on every call"))
        #expect(
            try await CommandLineProcess.run(["teams", "list", "--database-url", url]).output.contains(
                "cost_center,project"
            )
        )
        let badKey = try await CommandLineProcess.run([
            "teams", "require-tags", "acme", "Cost Center", "--database-url", url,
        ])
        #expect(badKey.status != 0 && badKey.output.contains("is not valid"), "\(badKey.output)")
        let cleared = try await CommandLineProcess.run([
            "teams", "require-tags", "acme", "--none", "--database-url", url,
        ])
        #expect(cleared.output.contains("team acme requires no tags"), "\(cleared.output)")
        let audit = try await CommandLineProcess.run([
            "audit", "changes", "--object", "team", "--database-url", url,
        ])
        #expect(audit.output.contains("update"), "\(audit.output)")

        let teamTag = try await CommandLineProcess.run([
            "budgets", "set", "--team", "acme", "--tag", "project=launch", "--limit", "10", "--period", "month",
            "--database-url", url,
        ])
        #expect(teamTag.status == 0, "\(teamTag.output)")
        #expect(teamTag.output.contains("tag project=launch (team acme)"), "\(teamTag.output)")
        let everywhere = try await CommandLineProcess.run([
            "budgets", "set", "--tag", "project=launch", "--limit", "20", "--period", "month", "--database-url", url,
        ])
        #expect(everywhere.output.contains("created budget 2: tag project=launch,"), "\(everywhere.output)")
        let badTag = try await CommandLineProcess.run([
            "budgets", "set", "--tag", "project", "--limit", "20", "--period", "month", "--database-url", url,
        ])
        #expect(badTag.status != 0 && badTag.output.contains("is not a tag: write key=value"), "\(badTag.output)")
        let status = try await CommandLineProcess.run(["budgets", "status", "--format", "json", "--database-url", url])
        #expect(
            status.output.contains(#""tag" : "project=launch""#) || status.output.contains(#""tag":"project=launch""#),
            "\(status.output)"
        )
        try await database.cluster.dropDatabase(database.name)
    }

    @Test func reportsSplitByATag() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        let usage = try await CommandLineProcess.run([
            "report", "usage", "--by", "team,tag:project", "--format", "csv", "--database-url", url,
        ])
        #expect(usage.status == 0, "\(usage.output)")
        #expect(usage.output.hasPrefix("team,tag:project,calls"), "\(usage.output)")
        let badUsage = try await CommandLineProcess.run([
            "report", "usage", "--by", "tag:Project", "--database-url", url,
        ])
        #expect(badUsage.status != 0 && badUsage.output.contains("The tag key 'Project' is not valid"))
        let invoice = try await CommandLineProcess.run([
            "report", "invoice", "--split", "tag:cost_center", "--format", "csv", "--database-url", url,
        ])
        #expect(invoice.status == 0, "\(invoice.output)")
        #expect(invoice.output.hasPrefix("month,team,tag:cost_center,model"), "\(invoice.output)")
        let badSplit = try await CommandLineProcess.run(["report", "invoice", "--split", "team", "--database-url", url])
        #expect(badSplit.status != 0 && badSplit.output.contains("--split takes tag:KEY"), "\(badSplit.output)")
        try await database.cluster.dropDatabase(database.name)
    }
}
