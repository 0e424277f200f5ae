/// Every setting s2v-meter reads. docs/CONFIGURATION.md documents each, and a test keeps the two in step.
extension Setting {
    // MARK: Where the data lives (every command that opens the database)

    static let databaseURL = Setting(
        "database-url",
        environmentVariable: "DATABASE_URL",
        kind: .text,
        defaultValue: nil,
        whenUnset: "the embedded cluster in data-dir",
        summary: "PostgreSQL URL, e.g. postgres://user:password@host:5432/s2v_meter.",
        isSecret: true
    )
    static let dataDirectory = Setting(
        "data-dir",
        kind: .text,
        defaultValue: "./.s2v-meter",
        summary: "Folder of the embedded PostgreSQL cluster, used when no database URL is given."
    )
    static let sqlDirectory = Setting(
        "sql-dir",
        kind: .text,
        defaultValue: nil,
        whenUnset: "sql/ beside the working directory, the executable or the source tree",
        summary: "Folder of the numbered migration files."
    )

    // MARK: Logging (every command)

    static let logLevel = Setting(
        "log-level",
        kind: .text,
        defaultValue: "info",
        summary: "One of trace, debug, info, notice, warning, error, critical."
    )
    static let logFormat = Setting(
        "log-format",
        kind: .text,
        defaultValue: "text",
        summary: "text for people, json for one JSON object per line."
    )

    // MARK: The gateway (serve)

    static let host = Setting("host", kind: .text, defaultValue: "127.0.0.1", summary: "Address to listen on.")
    static let port = Setting("port", kind: .integer, defaultValue: "8080", summary: "Port to listen on.")
    static let databaseConnections = Setting(
        "database-connections",
        kind: .integer,
        defaultValue: "20",
        summary: "PostgreSQL connections this instance may open at most."
    )
    static let upstreamURL = Setting(
        "upstream-url",
        kind: .text,
        defaultValue: "https://dashscope.aliyuncs.com/api/v1",
        summary: "DashScope API base URL, ending in /api/v1."
    )
    static let apiKeyFile = Setting(
        "api-key-file",
        environmentVariable: "DASHSCOPE_API_KEY_FILE",
        kind: .text,
        defaultValue: nil,
        whenUnset: "the key is DASHSCOPE_API_KEY, else the gateway uses the account pool only",
        summary: "File holding the upstream DashScope key (the key itself is read from DASHSCOPE_API_KEY only)."
    )
    static let demo = Setting(
        "demo",
        kind: .boolean,
        defaultValue: "false",
        summary: "Run a DashScope simulator in-process as the upstream (no real key or network needed)."
    )
    static let pollInterval = Setting(
        "poll-interval",
        kind: .seconds,
        defaultValue: "5",
        summary: "Seconds between two upstream queries of one unfinished task."
    )
    static let upstreamTimeout = Setting(
        "upstream-timeout",
        kind: .seconds,
        defaultValue: "30",
        summary: "Seconds an upstream call may take before it counts as unanswered."
    )
    static let upstreamConnectTimeout = Setting(
        "upstream-connect-timeout",
        kind: .seconds,
        defaultValue: "1",
        summary:
            "Seconds opening a connection to the upstream may take; a call to an unreachable upstream then fails at once with 503 (at most the upstream timeout)."
    )
    static let notCreatedGrace = Setting(
        "not-created-grace",
        kind: .seconds,
        defaultValue: "60",
        summary:
            "Seconds to wait for an unanswered submission to show in the upstream's task list before concluding it created nothing."
    )
    static let unresolvedSubmissionLimit = Setting(
        "unresolved-submission-limit",
        kind: .seconds,
        defaultValue: "600",
        summary:
            "Seconds a submission whose outcome cannot be determined (no answer, task list unreadable) may hold up its account; then it is charged its full hold, flagged for review, and the account resumes."
    )
    static let accountName = Setting(
        "account-name",
        kind: .text,
        defaultValue: "default",
        summary: "The name tasks sent with the gateway's own key record as their upstream account."
    )
    static let submissionsPerSecond = Setting(
        "submissions-per-second",
        kind: .integer,
        defaultValue: nil,
        whenUnset: "each model's figure in the catalog",
        summary:
            "That account's paid submissions per second for every model, over the model catalog's figure (DashScope: 5; videoretalk 1), shared by every instance."
    )
    static let maxInFlight = Setting(
        "max-in-flight",
        kind: .integer,
        defaultValue: nil,
        whenUnset: "each model's figure in the catalog",
        summary:
            "That account's tasks submitted or running at once for each generation model, over the model catalog's figure (DashScope: 1 per model)."
    )
    static let queriesPerSecond = Setting(
        "queries-per-second",
        kind: .integer,
        defaultValue: "20",
        summary: "That account's task queries per second (DashScope: 20)."
    )
    static let storeDeadline = Setting(
        "store-deadline",
        kind: .seconds,
        defaultValue: "3",
        summary:
            "Seconds a request may wait for PostgreSQL in total, its call-log write included, before it is refused with 503 (fail closed)."
    )
    static let detectWait = Setting(
        "detect-wait",
        kind: .seconds,
        defaultValue: "2",
        summary: "Seconds a face-detect call may wait for a free submission slot before it gets 429."
    )
    static let roundDeadline = Setting(
        "round-deadline",
        kind: .seconds,
        defaultValue: "120",
        summary:
            "Seconds one background round (dispatch, poll, alert delivery, detect recovery) may take before it is cancelled and retried (at least twice the longest call it waits for); /ready answers 503 when a service has had no successful round for longer than this plus its pause plus 10 s."
    )
    static let shutdownGrace = Setting(
        "shutdown-grace",
        kind: .seconds,
        defaultValue: "20",
        summary:
            "Seconds a graceful shutdown (SIGTERM, SIGINT) may take before unfinished work is cancelled; the process exits at most 3 s later, whatever still runs."
    )
    static let metricsPublic = Setting(
        "metrics-public",
        kind: .boolean,
        defaultValue: "false",
        summary:
            "Serve GET /metrics without a key, for scrapers on a private network (by default it needs an admin key)."
    )
    static let metricsTagKeys = Setting(
        "metrics-tag-keys",
        kind: .text,
        defaultValue: nil,
        whenUnset: "none: no spend by tag on /metrics",
        summary:
            "Comma-separated tag keys whose spend /metrics reports by value (s2v_tag_spend_usd), e.g. project,env. Only these: every tag value becomes a series, so choose keys with few values; reports and the dashboard split by any key."
    )

    // MARK: Webhooks (serve, and budgets set)

    static let webhookAllowHosts = Setting(
        "webhook-allow-hosts",
        kind: .text,
        defaultValue: nil,
        whenUnset: "none: webhooks must be at public addresses",
        summary:
            "Comma-separated host names whose budget webhooks may be at private, loopback or link-local addresses (an internal receiver), e.g. hooks.internal,10.0.0.5."
    )

    /// What every command that opens the database reads.
    static let database: [Setting] = [.databaseURL, .dataDirectory, .sqlDirectory]
    static let logging: [Setting] = [.logLevel, .logFormat]
    /// What `serve` reads besides the database and logging settings.
    static let gateway: [Setting] = [
        .host, .port, .databaseConnections, .upstreamURL, .apiKeyFile, .demo, .pollInterval, .upstreamTimeout,
        .upstreamConnectTimeout,
        .notCreatedGrace, .unresolvedSubmissionLimit, .accountName, .submissionsPerSecond, .maxInFlight,
        .queriesPerSecond, .storeDeadline,
        .detectWait, .roundDeadline, .shutdownGrace, .metricsPublic, .metricsTagKeys,
    ]
    /// What `serve` and `budgets set` read about webhooks.
    static let webhooks: [Setting] = [.webhookAllowHosts]
    static let all: [Setting] = Self.database + Self.logging + Self.gateway + Self.webhooks

    static func named(_ key: String) -> Setting? {
        Self.all.first { $0.key == key }
    }
}
