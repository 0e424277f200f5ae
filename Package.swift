// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "s2v-meter",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "s2v-meter", targets: ["s2v-meter"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        // Tests only: validates the API contract (Sources/S2VGateway/OpenAPI/openapi.json) as OpenAPI 3.1.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0"),
    ],
    targets: [
        // Pure domain: money, prices, periods, errors. No I/O.
        .target(
            name: "S2VCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto")
            ],
            swiftSettings: swiftSettings
        ),
        // PostgreSQL: embedded launcher, migrations, repositories.
        .target(
            name: "S2VStore",
            dependencies: [
                "S2VCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Report documents (usage, invoices, audit) as JSON, CSV, text tables and HTML, for the CLI and the API.
        .target(
            name: "S2VReports",
            dependencies: ["S2VCore", "S2VStore"],
            swiftSettings: swiftSettings
        ),
        // The fake DashScope, written from the upstream contract alone: it imports nothing of ours.
        .target(
            name: "DashScopeSimulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The metering gateway: Hummingbird app, upstream client, background services.
        .target(
            name: "S2VGateway",
            dependencies: [
                "S2VCore",
                "S2VStore",
                "S2VReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // ConnectionPoolError, the pool's own errors, which PostgresNIO does not re-export.
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // The API contract's home; its text reaches the binary through APIContract+Text.swift.
            exclude: ["OpenAPI/openapi.json"],
            swiftSettings: swiftSettings
        ),
        // The CLI's commands; the executable only calls into this.
        .target(
            name: "S2VMeterCLI",
            dependencies: [
                "S2VCore",
                "S2VStore",
                "S2VReports",
                "S2VGateway",
                "DashScopeSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "s2v-meter",
            dependencies: ["S2VMeterCLI"],
            swiftSettings: swiftSettings
        ),
        // Shared by test targets: a throwaway embedded cluster and a fresh database per suite.
        .target(
            name: "S2VTestSupport",
            dependencies: [
                "S2VStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/S2VTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "S2VCoreTests",
            dependencies: ["S2VCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "S2VReportsTests",
            dependencies: ["S2VReports", "S2VStore", "S2VCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "S2VStoreTests",
            dependencies: [
                "S2VStore",
                // The budget forecast test also checks its JSON view, BudgetStatusDocument.
                "S2VReports",
                "S2VTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DashScopeSimulatorTests",
            dependencies: [
                "DashScopeSimulator",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "S2VGatewayTests",
            dependencies: [
                "S2VGateway",
                "S2VStore",
                "S2VTestSupport",
                "DashScopeSimulator",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "S2VMeterCLITests",
            dependencies: [
                "S2VMeterCLI",
                "S2VCore",
                "S2VStore",
                "S2VTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
