import ServiceLifecycle

/// Holds back an answer, for timeouts and lost responses.
enum ResponseDelay {
    /// Sleeps for `delay` in real time, or less if the server begins a graceful shutdown (so a held
    /// response never blocks shutting down).
    static func wait(_ delay: Duration) async {
        try? await cancelWhenGracefulShutdown {
            try await Task.sleep(for: delay)
        }
    }
}
