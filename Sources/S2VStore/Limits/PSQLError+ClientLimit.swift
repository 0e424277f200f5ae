import PostgresNIO
import S2VCore

extension PSQLError {
    /// The client limit that refused the statement (SQLSTATE S2VR1 from `client_limits_take`), if that is what
    /// this error is.
    var clientLimitRefusal: ClientLimitRefusal? {
        guard self.serverInfo?[.sqlState] == MeteringRepository.clientLimitState, let detail = self.serverInfo?[.detail]
        else {
            return nil
        }
        return try? ClientLimitRefusal.decode(detail: detail)
    }
}
