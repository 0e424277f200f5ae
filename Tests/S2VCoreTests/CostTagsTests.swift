import Testing

@testable import S2VCore

/// Tags: what a header or a CLI flag may say, how a request's tags join its key's, and a team's required keys.
@Suite struct CostTagsTests {
    @Test func aHeaderListsPairsSpacesAroundThemIgnored() throws {
        let tags = try CostTags.parse(header: " project=launch , customer=acme,env=prod ")
        #expect(tags.values == ["project": "launch", "customer": "acme", "env": "prod"])
        #expect(tags.text == "customer=acme,env=prod,project=launch")
        #expect(try CostTags.parse(header: "").isEmpty)
        #expect(try CostTags.parse(header: "  ").isEmpty)
        #expect(try CostTags.parse(header: "cost_center=cc-42").values == ["cost_center": "cc-42"])
        #expect(try CostTags.parse(header: "url=s3://bucket/a@b+c").values == ["url": "s3://bucket/a@b+c"])
    }

    @Test(arguments: [
        "project", "=launch", "project=", "Project=launch", "1project=launch", "pro ject=launch",
        "project=la unch", "project=launch,", ",project=launch", "project=a,project=b", "project=a=b",
        "projekt\u{e9}=x", "project=caf\u{e9}", "project=a;b", "project=\"a\"",
        String(repeating: "k", count: 33) + "=v", "k=" + String(repeating: "v", count: 65),
    ])
    func aMalformedHeaderIsRefusedNamingWhatIsWrong(header: String) {
        #expect(throws: DomainError.self) { try CostTags.parse(header: header) }
    }

    @Test func theLongestKeyAndValueAndTheMostTagsAreAccepted() throws {
        let key = "k" + String(repeating: "-", count: CostTags.Rules.maxKeyLength - 1)
        let value = String(repeating: "v", count: CostTags.Rules.maxValueLength)
        #expect(try CostTags.parse(header: "\(key)=\(value)")[key] == value)
        let most = (1...CostTags.Rules.maxTags).map { "k\($0)=v" }.joined(separator: ",")
        #expect(try CostTags.parse(header: most).values.count == CostTags.Rules.maxTags)
        #expect(throws: DomainError.self) { try CostTags.parse(header: most + ",one=more") }
    }

    @Test func aRequestAddsKeysButCannotChangeTheKeysOwn() throws {
        let key = try CostTags(["project": "launch", "env": "prod"])
        let merged = try key.merging(request: try CostTags.parse(header: "customer=acme,env=prod"))
        #expect(merged.values == ["project": "launch", "env": "prod", "customer": "acme"])
        #expect(
            throws: DomainError.invalid(
                "The tag 'project' is set to 'launch' by the key and cannot be changed by a request."
            )
        ) {
            try key.merging(request: try CostTags.parse(header: "project=other"))
        }
    }

    @Test func theKeysAndTheRequestsTagsTogetherStayWithinTheBound() throws {
        let key = try CostTags(Dictionary(uniqueKeysWithValues: (1...8).map { ("k\($0)", "v") }))
        #expect(try key.merging(request: try CostTags.parse(header: "a=1,b=2")).values.count == 10)
        #expect(throws: DomainError.self) { try key.merging(request: try CostTags.parse(header: "a=1,b=2,c=3")) }
    }

    @Test func aMissingRequiredKeyIsNamed() throws {
        let tags = try CostTags.parse(header: "project=launch")
        try tags.requiring(["project"])
        try tags.requiring([])
        do {
            try tags.requiring(["project", "cost_center", "env"])
            Issue.record("a missing required key was accepted")
        } catch {
            #expect(error.message.contains("'cost_center', 'env'"), "\(error.message)")
            #expect(error.message.contains("X-S2V-Tags"))
        }
    }

    @Test func storedTagsRoundTripThroughJSONAndAreCheckedAgain() throws {
        let tags = try CostTags(["project": "launch", "url": "s3://b/a"])
        #expect(tags.jsonText == #"{"project":"launch","url":"s3://b/a"}"#)
        #expect(try CostTags(jsonText: tags.jsonText) == tags)
        #expect(try CostTags(jsonText: "{}").isEmpty)
        #expect(throws: DomainError.self) { try CostTags(jsonText: #"{"Project":"x"}"#) }
        #expect(throws: DomainError.self) { try CostTags(jsonText: #"{"a":1}"#) }
    }

    @Test func repeatedCommandLinePairsAreOneSetAndAKeyTwiceIsRefused() throws {
        #expect(try CostTags(cliPairs: ["env=prod", "project=launch"]).text == "env=prod,project=launch")
        #expect(throws: DomainError.invalid("The tag 'env' is given twice.")) {
            try CostTags(cliPairs: ["env=prod", "env=dev"])
        }
    }

    @Test func aCallersTagsAreItsKeysPlusTheRequestsWithEveryRequiredKey() throws {
        let caller = Caller(
            keyID: 1,
            teamID: 1,
            teamName: "t",
            isAdmin: false,
            tags: try CostTags(["project": "launch"]),
            requiredTagKeys: ["cost_center"]
        )
        let tags = try caller.callTags(adding: CostTags.parse(header: "cost_center=cc-1"))
        #expect(tags.text == "cost_center=cc-1,project=launch")
        #expect(throws: DomainError.self) { try caller.callTags(adding: CostTags.parse(header: "env=prod")) }
        #expect(throws: DomainError.self) {
            try caller.callTags(adding: CostTags.parse(header: "cost_center=cc-1,project=other"))
        }
    }
}
