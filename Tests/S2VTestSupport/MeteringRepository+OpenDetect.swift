import Logging
import S2VCore
import S2VStore

extension MeteringRepository {
    /// Opens a detect intent on one account whose rate never gets in the way; for tests about the ledger.
    public func openDetect(
        caller: Caller,
        teamID: Int64,
        price: Price,
        account: String,
        logger: Logger
    ) async throws -> Int64 {
        let unpaced = PacedAccount(
            name: account,
            limits: AccountLimits(submissionsPerSecond: 1000, maxInFlight: 1000, queriesPerSecond: 1000)
        )
        return try await self.openDetectIntent(
            caller: caller,
            teamID: teamID,
            price: price,
            accounts: [unpaced],
            maxWait: .seconds(10),
            logger: logger
        ).callID
    }
}
