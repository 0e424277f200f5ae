import NIOCore
import Synchronization

/// When a paced call may leave. The upstream counts a call when it has received it whole, so a paced call is
/// held at its last step: the connection is up and the head written, and only the body waits for `clearance`,
/// which returns when the call may leave (on time in its slot, or in a later one it took because it was late).
///
/// A call that waited past its slot for any reason (this process held up, a new connection, an upstream that
/// was slow to accept one) therefore never leaves late and crowds the calls after it.
struct UpstreamDeparture: Sendable {
    let clearance: @Sendable () async throws -> Void
}

/// A request body that is handed over only once its departure is cleared, and remembers whether it was.
struct DepartingBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let bytes: ByteBuffer
    let departure: UpstreamDeparture
    let released: Released

    /// Whether the body was handed to the connection: until it is, the upstream cannot have run the call.
    final class Released: Sendable {
        private let flag = Atomic<Bool>(false)
        var value: Bool { self.flag.load(ordering: .acquiring) }
        func set() { self.flag.store(true, ordering: .releasing) }
    }

    func makeAsyncIterator() -> Iterator {
        Iterator(bytes: self.bytes, departure: self.departure, released: self.released)
    }

    struct Iterator: AsyncIteratorProtocol {
        var bytes: ByteBuffer?
        let departure: UpstreamDeparture
        let released: Released

        mutating func next() async throws -> ByteBuffer? {
            guard let bytes = self.bytes else { return nil }
            self.bytes = nil
            try await self.departure.clearance()
            self.released.set()
            return bytes
        }
    }
}
