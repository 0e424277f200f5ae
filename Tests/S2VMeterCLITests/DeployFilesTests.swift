import ArgumentParser
import Foundation
import Testing

@testable import S2VMeterCLI

/// The deployment files in `deploy/` cannot run here (no container engine, cluster or systemd), so they are
/// checked for what operations rely on: they parse, run `serve` with arguments it accepts, reach PostgreSQL,
/// probe `/ready`, run as a non-root user and ship the migrations.
@Suite struct DeployFilesTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let deploy = Self.root.appendingPathComponent("deploy")
    static let yamlAvailable = DeployTool.isRequired || DeployTool.hasPyYAML

    // MARK: compose

    @Test(
        .enabled(
            if: DeployFilesTests.yamlAvailable,
            "python3 with PyYAML is not installed (pip install pyyaml); CI requires it"
        )
    )
    func composeRunsPostgresTwoGatewaysAndNginx() async throws {
        let compose = try #require(
            try await DeployTool.loadYAML(Self.deploy.appendingPathComponent("compose.yaml")).first as? [String: Any]
        )
        let services = try #require(compose["services"] as? [String: [String: Any]])

        let postgres = try #require(services["postgres"])
        #expect((postgres["image"] as? String)?.hasPrefix("postgres:15") == true)
        #expect(postgres["healthcheck"] != nil, "the gateways wait for postgres to be healthy")
        #expect((postgres["volumes"] as? [Any])?.isEmpty == false, "the database outlives its container")

        let gateways = services.filter { ($0.value["command"] as? [String])?.first == "serve" }
        #expect(gateways.count >= 2, "two gateway replicas")
        for (name, gateway) in gateways {
            let command = try #require(gateway["command"] as? [String])
            try await Self.expectServeArguments(command, file: "compose.yaml \(name)")
            let dependsOn = try #require(
                gateway["depends_on"] as? [String: [String: Any]],
                "\(name) depends on postgres"
            )
            #expect(dependsOn["postgres"]?["condition"] as? String == "service_healthy", "\(name) waits for postgres")
            let environment = try #require(gateway["environment"] as? [String: String])
            #expect(
                environment["DATABASE_URL"]?.contains("@postgres:5432/") == true,
                "\(name) uses the compose PostgreSQL"
            )
            #expect(environment["DASHSCOPE_API_KEY"] != nil)
            let healthcheck = try #require(gateway["healthcheck"] as? [String: Any])
            #expect(
                (healthcheck["test"] as? [String])?.contains { $0.hasSuffix("/ready") } == true,
                "\(name) is ready on /ready"
            )
            let grace = try Self.seconds(#require(gateway["stop_grace_period"] as? String))
            #expect(grace > 20, "\(name) gets more than serve's --shutdown-grace to stop")
        }

        let nginx = try #require(services["nginx"])
        #expect((nginx["ports"] as? [String])?.contains { $0.hasPrefix("8080:") } == true)
        #expect((nginx["volumes"] as? [String])?.contains { $0.hasPrefix("./nginx.conf:") } == true)
        let nginxDependsOn = try #require(nginx["depends_on"] as? [String: [String: Any]])
        let nginxConfig = try String(contentsOf: Self.deploy.appendingPathComponent("nginx.conf"), encoding: .utf8)
        for name in gateways.keys {
            #expect(nginxDependsOn[name]?["condition"] as? String == "service_healthy", "nginx waits for \(name)")
            #expect(nginxConfig.contains("server \(name):8080"), "nginx balances onto \(name)")
        }
    }

    // MARK: Kubernetes

    @Test(
        .enabled(
            if: DeployFilesTests.yamlAvailable,
            "python3 with PyYAML is not installed (pip install pyyaml); CI requires it"
        )
    )
    func kubernetesDeploymentIsProbedNonRootAndFedByTheSecret() async throws {
        let objects = try await Self.kubernetesObjects()
        let deployment = try #require(objects.first { $0["kind"] as? String == "Deployment" })
        let spec = try #require(deployment["spec"] as? [String: Any])
        #expect((spec["replicas"] as? Int ?? 0) >= 2)
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect((pod["securityContext"] as? [String: Any])?["runAsNonRoot"] as? Bool == true)
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        let arguments = try #require(container["args"] as? [String])
        try await Self.expectServeArguments(arguments, file: "deployment.yaml")

        func probePath(_ probe: String) -> String? {
            ((container[probe] as? [String: Any])?["httpGet"] as? [String: Any])?["path"] as? String
        }
        #expect(probePath("readinessProbe") == "/ready")
        #expect(probePath("livenessProbe") == "/health", "liveness must not depend on PostgreSQL")
        #expect((container["securityContext"] as? [String: Any])?["readOnlyRootFilesystem"] as? Bool == true)

        // SIGTERM comes after preStop; serve then needs up to --shutdown-grace.
        let shutdownGrace = arguments.firstIndex(of: "--shutdown-grace").flatMap { Int(arguments[$0 + 1]) } ?? 20
        let preStop =
            ((container["lifecycle"] as? [String: Any])?["preStop"] as? [String: Any])?["exec"] as? [String: Any]
        let preStopSleep = (preStop?["command"] as? [String]).flatMap { $0.first == "sleep" ? Int($0[1]) : nil }
        #expect(preStopSleep != nil, "preStop sleeps so the Service stops routing before SIGTERM")
        let termination = try #require(pod["terminationGracePeriodSeconds"] as? Int)
        #expect(termination > (preStopSleep ?? 0) + shutdownGrace)

        let secretReferences = (container["env"] as? [[String: Any]] ?? []).compactMap {
            variable -> (String, String, String)? in
            guard let name = variable["name"] as? String,
                let reference = (variable["valueFrom"] as? [String: Any])?["secretKeyRef"] as? [String: String],
                let secret = reference["name"], let key = reference["key"]
            else { return nil }
            return (name, secret, key)
        }
        #expect(Set(secretReferences.map { $0.0 }) == ["DATABASE_URL", "DASHSCOPE_API_KEY"])
        let secrets = objects.filter { $0["kind"] as? String == "Secret" }
        for (variable, secretName, key) in secretReferences {
            let secret = try #require(
                secrets.first { ($0["metadata"] as? [String: Any])?["name"] as? String == secretName },
                "\(variable) comes from Secret \(secretName), which deploy/kubernetes defines"
            )
            let keys = Set(((secret["stringData"] as? [String: Any]) ?? (secret["data"] as? [String: Any]) ?? [:]).keys)
            #expect(keys.contains(key), "Secret \(secretName) holds \(key)")
        }

        let service = try #require(objects.first { $0["kind"] as? String == "Service" })
        let portNames = (container["ports"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        let targets = ((service["spec"] as? [String: Any])?["ports"] as? [[String: Any]] ?? []).compactMap {
            $0["targetPort"] as? String
        }
        #expect(!targets.isEmpty && targets.allSatisfy(portNames.contains), "the Service targets the container's port")
    }

    @Test(
        .enabled(
            if: DeployFilesTests.yamlAvailable,
            "python3 with PyYAML is not installed (pip install pyyaml); CI requires it"
        )
    )
    func kustomizationListsEveryManifest() async throws {
        let folder = Self.deploy.appendingPathComponent("kubernetes")
        let kustomization = try #require(
            try await DeployTool.loadYAML(folder.appendingPathComponent("kustomization.yaml")).first as? [String: Any]
        )
        let listed = Set(kustomization["resources"] as? [String] ?? [])
        #expect(listed == Set(try Self.kubernetesFiles().map(\.lastPathComponent)))
    }

    // MARK: Dockerfile

    @Test func dockerfileBuildsInStagesRunsAsNonRootAndShipsTheMigrations() async throws {
        let lines = try String(contentsOf: Self.deploy.appendingPathComponent("Dockerfile"), encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        func instructions(_ keyword: String, in lines: some Sequence<String>) -> [String] {
            lines.filter { $0.uppercased().hasPrefix(keyword + " ") }.map { String($0.dropFirst(keyword.count + 1)) }
        }
        #expect(instructions("FROM", in: lines).count >= 2, "a build stage and a runtime stage")
        let runtime = lines.suffix(from: try #require(lines.lastIndex { $0.uppercased().hasPrefix("FROM ") }))

        let user = try #require(instructions("USER", in: runtime).last, "the runtime stage sets a USER")
        let userName = user.split(separator: ":").first.map(String.init) ?? user
        #expect(userName != "root" && userName != "0")

        let sqlCopy = try #require(
            instructions("COPY", in: runtime).first { $0.hasPrefix("sql") },
            "the migrations are copied in"
        )
        let sqlDestination = try #require(sqlCopy.split(separator: " ").last).trimmingCharacters(in: ["/"])
        #expect(
            runtime.contains { $0.contains("S2V_METER_SQL_DIR=/\(sqlDestination)") },
            "serve finds them: S2V_METER_SQL_DIR"
        )

        #expect(instructions("EXPOSE", in: runtime) == ["8080"])
        #expect(instructions("ENTRYPOINT", in: runtime) == [#"["s2v-meter"]"#])
        let command = try #require(instructions("CMD", in: runtime).last)
        let arguments = try JSONDecoder().decode([String].self, from: Data(command.utf8))
        try await Self.expectServeArguments(arguments, file: "Dockerfile CMD")

        let ignored = try String(contentsOf: Self.root.appendingPathComponent(".dockerignore"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        for excluded in [".build", ".s2v-meter", ".git"] {
            #expect(ignored.contains(excluded), ".dockerignore leaves out \(excluded)")
        }
        for needed in ["Package.swift", "Sources", "Tests", "sql"] {
            #expect(!ignored.contains(needed), "the build needs \(needed)")
        }
    }

    // MARK: nginx

    @Test(
        .enabled(
            if: DeployTool.isRequired || DeployTool.find("nginx") != nil,
            "nginx is not installed (apt-get install nginx); CI requires it"
        )
    )
    func nginxConfigPassesNginxT() async throws {
        let nginx = try #require(DeployTool.find("nginx"), "CI is set, so nginx must be installed")
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The gateways' names resolve only inside compose's network; nginx -t resolves upstream hosts.
        let config = try String(contentsOf: Self.deploy.appendingPathComponent("nginx.conf"), encoding: .utf8)
            .replacingOccurrences(of: #"gateway-\d+:"#, with: "127.0.0.1:", options: .regularExpression)
        let configPath = folder.appendingPathComponent("nginx.conf").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        let (status, output) = try await nginx.run([
            "-t", "-q", "-p", folder.path, "-c", configPath,
            "-e", folder.appendingPathComponent("error.log").path,
            "-g", "pid \(folder.appendingPathComponent("nginx.pid").path);",
        ])
        #expect(status == 0, "nginx -t: \(output)")
    }

    // MARK: systemd

    @Test(.enabled(if: DeployTool.find("systemd-analyze") != nil, "systemd-analyze is not installed"))
    func systemdUnitVerifies() async throws {
        let analyze = try #require(DeployTool.find("systemd-analyze"))
        let unit = try String(contentsOf: Self.deploy.appendingPathComponent("s2v-meter.service"), encoding: .utf8)
        let execStart = try #require(unit.split(separator: "\n").first { $0.hasPrefix("ExecStart=") })
        let command = execStart.dropFirst("ExecStart=".count).split(separator: " ").map(String.init)
        #expect(command.first == "/usr/local/bin/s2v-meter")
        try await Self.expectServeArguments(Array(command.dropFirst()), file: "s2v-meter.service")

        // verify insists that ExecStart's program exists: point it at the binary this build made.
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("s2v-meter.service").path
        try unit.replacingOccurrences(of: "/usr/local/bin/s2v-meter", with: try CommandLineProcess.executable.path)
            .write(toFile: copy, atomically: true, encoding: .utf8)
        let (status, output) = try await analyze.run(["verify", copy])
        // verify exits 0 on unknown keys and bad values, and only prints them: any word about our unit fails.
        let complaints = output.split(separator: "\n").filter { $0.contains("s2v-meter") }
        #expect(status == 0 && complaints.isEmpty, "systemd-analyze verify: \(output)")
    }

    // MARK: helpers

    /// Every manifest in deploy/kubernetes but the kustomization.
    static func kubernetesFiles() throws -> [URL] {
        let folder = Self.deploy.appendingPathComponent("kubernetes")
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" && $0.lastPathComponent != "kustomization.yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Every object of every manifest; each must have an apiVersion, a kind and a name.
    static func kubernetesObjects() async throws -> [[String: Any]] {
        var objects: [[String: Any]] = []
        for file in try Self.kubernetesFiles() {
            for document in try await DeployTool.loadYAML(file) {
                let object = try #require(document as? [String: Any], "\(file.lastPathComponent) holds objects")
                #expect(object["apiVersion"] is String && object["kind"] is String, "\(file.lastPathComponent)")
                #expect(
                    (object["metadata"] as? [String: Any])?["name"] is String,
                    "\(file.lastPathComponent) names its object"
                )
                objects.append(object)
            }
        }
        #expect(!objects.isEmpty)
        return objects
    }

    /// The arguments are ones `s2v-meter serve` accepts, and listen beyond the loopback interface.
    /// The arguments parse, and with the shipped config example in place of /etc/s2v-meter/config.json the
    /// settings resolve and listen on every interface (the default is 127.0.0.1).
    static func expectServeArguments(_ arguments: [String], file: String) async throws {
        #expect(arguments.first == "serve", "\(file) runs serve")
        #expect(throws: Never.self, "\(file): s2v-meter \(arguments.joined(separator: " "))") {
            _ = try S2VMeter.parseAsRoot(arguments)
        }
        let example = Self.deploy.appendingPathComponent("config.example.json").path
        let command = try ServeCommand.parse(
            Array(arguments.dropFirst()).map { $0 == "/etc/s2v-meter/config.json" ? example : $0 }
        )
        let source = try await SettingsSource(
            flags: command.flags,
            environment: [:],
            configFile: command.database.configFile
        )
        let settings = try await ServeSettings(from: source)
        #expect(settings.host == "0.0.0.0", "\(file) listens on every interface (the default is 127.0.0.1)")
    }

    /// "30s", "1m30s" → seconds.
    static func seconds(_ duration: String) throws -> Int {
        var total = 0
        var number = ""
        for character in duration {
            if character.isNumber {
                number.append(character)
                continue
            }
            let value = try #require(Int(number), "duration \(duration)")
            switch character {
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            default: Issue.record("unknown unit in duration \(duration)")
            }
            number = ""
        }
        return total
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("deploy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
