import Foundation
import S2VTestSupport
import Testing

/// `models list`, `models set` and `accounts limits`, run as a user runs them.
@Suite struct ModelsCommandTests {
    @Test func theCatalogIsListedWithItsPricesAndUnpricedModelsSaySo() async throws {
        let database = try await TestDatabase.make()
        let listed = try await CommandLineProcess.run(["models", "list", "--database-url", database.url])
        #expect(listed.status == 0, "\(listed.output)")
        for model in [
            "wan2.2-s2v-detect", "wan2.2-s2v", "emo-detect-v1", "emo-v1", "liveportrait-detect", "liveportrait",
            "videoretalk",
        ] {
            #expect(listed.output.contains(model), "\(model) in \(listed.output)")
        }
        #expect(listed.output.contains("ratio of input.ext_bbox"), "\(listed.output)")
        #expect(listed.output.contains("0.022937 USD/second"))
        #expect(listed.output.contains("derived: CNY 0.16 at 0.143354 USD/CNY"))
        #expect(listed.output.contains("UNPRICED"), "liveportrait ships unpriced")

        let json = try await CommandLineProcess.run([
            "models", "list", "--format", "json", "--database-url", database.url,
        ])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any],
            "\(json.output)"
        )
        let models = try #require(document["models"] as? [[String: Any]])
        let emo = try #require(models.first { $0["model"] as? String == "emo-v1" })
        #expect(emo["max_billable_seconds"] as? String == "60")
        #expect(emo["reported_tier_field"] as? String == "video_ratio")
        #expect((emo["prices"] as? [[String: Any]])?.count == 2)
        let retalk = try #require(models.first { $0["model"] as? String == "videoretalk" })
        #expect(retalk["submissions_per_second"] as? Int == 1)
        let badFormat = try await CommandLineProcess.run([
            "models", "list", "--format", "yaml", "--database-url", database.url,
        ])
        #expect(badFormat.status != 0 && badFormat.output.contains("--format must be table, json or csv"))
    }

    @Test func aModelOfAKnownShapeIsAddedThenPricedAndAudited() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        let unknown = try await CommandLineProcess.run(["models", "set", "wan2.5-s2v", "--database-url", url])
        #expect(unknown.status != 0 && unknown.output.contains("give --like MODEL"), "\(unknown.output)")
        let added = try await CommandLineProcess.run([
            "models", "set", "wan2.5-s2v", "--like", "wan2.2-s2v", "--max-billable-seconds", "30", "--database-url",
            url,
        ])
        #expect(added.status == 0, "\(added.output)")
        #expect(added.output.contains("tier from parameters.resolution (default 480P)"), "\(added.output)")
        #expect(added.output.contains("no price yet"), "\(added.output)")
        let detectSeconds = try await CommandLineProcess.run([
            "models", "set", "emo-detect-v2", "--like", "emo-detect-v1", "--max-billable-seconds", "30",
            "--database-url", url,
        ])
        #expect(detectSeconds.status != 0 && detectSeconds.output.contains("detect model"), "\(detectSeconds.output)")
        let priced = try await CommandLineProcess.run([
            "prices", "set", "--model", "wan2.5-s2v", "--tier", "720P", "--unit-price", "0.2", "--database-url", url,
        ])
        #expect(priced.status == 0, "\(priced.output)")
        let listed = try await CommandLineProcess.run(["models", "list", "--database-url", url])
        #expect(listed.output.contains("wan2.5-s2v") && listed.output.contains("0.2 USD/second"), "\(listed.output)")
        let audited = try await CommandLineProcess.run([
            "audit", "changes", "--object", "model", "--database-url", url,
        ])
        #expect(audited.status == 0 && audited.output.contains("wan2.5-s2v"), "\(audited.output)")
    }

    @Test func anAccountOverridesOneModelsLimits() async throws {
        let database = try await TestDatabase.make()
        let url = database.url
        #expect(
            try await CommandLineProcess.run([
                "accounts", "add", "east", "--key-env", "KEY_EAST", "--database-url", url,
            ]).status == 0
        )
        let set = try await CommandLineProcess.run([
            "accounts", "limits", "east", "--model", "emo-v1", "--max-concurrent-tasks", "3", "--database-url", url,
        ])
        #expect(set.status == 0 && set.output.contains("account east, emo-v1: 3 concurrent tasks"), "\(set.output)")
        let detect = try await CommandLineProcess.run([
            "accounts", "limits", "east", "--model", "emo-detect-v1", "--max-concurrent-tasks", "3", "--database-url",
            url,
        ])
        #expect(detect.status != 0 && detect.output.contains("no task slots"), "\(detect.output)")
        let neither = try await CommandLineProcess.run([
            "accounts", "limits", "east", "--model", "emo-v1", "--database-url", url,
        ])
        #expect(neither.status != 0 && neither.output.contains("or --clear alone"), "\(neither.output)")
        let cleared = try await CommandLineProcess.run([
            "accounts", "limits", "east", "--model", "emo-v1", "--clear", "--database-url", url,
        ])
        #expect(cleared.status == 0 && cleared.output.contains("uses the catalog's limits"), "\(cleared.output)")
    }
}
