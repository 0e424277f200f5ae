import NIOCore
import NIOPosix

/// A tiny HTTP/1.1 client over a raw TCP socket, for requests no well-behaved client sends: malformed chunk
/// sizes, duplicated headers, bytes a URL type would refuse, a head whose body never comes.
///
/// Each exchange opens its own connection, writes the bytes exactly as given and reads one response (after any
/// interim `100 Continue`, which is reported as such), or until the server closes the connection or `deadline`
/// passes. Reading goes on while writing, so an early answer (a 413 before the body) is not lost when the server
/// closes a connection it did not read to the end.
struct RawHTTPClient: Sendable {
    let host: String
    let port: Int

    init(host: String = "127.0.0.1", port: Int) {
        self.host = host
        self.port = port
    }

    /// What came back for one exchange.
    enum Outcome: Sendable {
        /// A complete final response.
        case response(RawHTTPResponse)
        /// `100 Continue` and nothing else before the deadline: the server asked for the body.
        case continued
        /// The connection closed before a complete response.
        case closed(received: [UInt8])
        /// Nothing complete arrived before the deadline.
        case timedOut(received: [UInt8])
        /// The connection could not be made.
        case failed(String)

        var response: RawHTTPResponse? {
            if case .response(let response) = self { return response }
            return nil
        }
    }

    /// Writes `parts` one after the other and reads the answer.
    /// - Parameters:
    ///   - parts: the bytes to send; each part is written and flushed on its own.
    ///   - deadline: how long to wait for a complete answer before giving up (not a timing assertion).
    ///   - stopAtContinue: end the exchange at a `100 Continue` instead of waiting for the final response.
    func exchange(_ parts: [[UInt8]], deadline: Duration = .seconds(60), stopAtContinue: Bool = false) async -> Outcome
    {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelOption(.allowRemoteHalfClosure, value: true)
                .connect(host: self.host, port: self.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            return .failed(String(reflecting: error))
        }
        // Closing the channel ends the read below: that is how the deadline stops a server that never answers.
        let underlying = channel.channel
        let expiry = ContinuousClock.now + deadline
        let timer = Task {
            try await Task.sleep(for: deadline)
            underlying.close(promise: nil)
        }
        defer { timer.cancel() }
        do {
            return try await channel.executeThenClose { inbound, outbound in
                let writer = Task {
                    for part in parts {
                        // A server that answered early may close before it has everything: stop writing then.
                        do { try await outbound.write(ByteBuffer(bytes: part)) } catch { return }
                    }
                }
                defer { writer.cancel() }
                var received: [UInt8] = []
                do {
                    for try await buffer in inbound {
                        received += buffer.readableBytesView
                        switch RawHTTPResponse.parse(received, atEnd: false) {
                        case .complete(let response): return .response(response)
                        case .continued where stopAtContinue: return .continued
                        case .continued, .incomplete: continue
                        }
                    }
                } catch {
                    // A reset after the answer arrived: judge what was received.
                }
                if case .complete(let response) = RawHTTPResponse.parse(received, atEnd: true) {
                    return .response(response)
                }
                if case .continued = RawHTTPResponse.parse(received, atEnd: true) { return .continued }
                return ContinuousClock.now < expiry ? .closed(received: received) : .timedOut(received: received)
            }
        } catch {
            return .failed(String(reflecting: error))
        }
    }
}
