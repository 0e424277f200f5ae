extension AccountStats {
    /// The statistics fields, shared by the totals and each account.
    var jsonMembers: [(String, JSONValue)] {
        // The keys present, in declaration order (per-model counts hold only the models in use).
        func counts<Key: CaseIterable & RawRepresentable<String>>(_ values: [Key: Int]) -> JSONValue {
            .object(Key.allCases.compactMap { key in values[key].map { (key.rawValue, JSONValue.int($0)) } })
        }
        return [
            ("accepted_submissions", counts(self.acceptedSubmissions)),
            ("submission_attempts", counts(self.submissionAttempts)),
            ("max_accepted_submissions_per_second", counts(self.maxAcceptedSubmissionsPerSecond)),
            ("max_submission_attempts_per_second", counts(self.maxSubmissionAttemptsPerSecond)),
            ("throttled", counts(self.throttled)),
            ("injected_faults", counts(self.injectedFaults)),
            ("queries", .int(self.queries)),
            ("max_unfinished_tasks", .int(self.maxUnfinishedTasks)),
            ("max_running_tasks", .int(self.maxRunningTasks)),
            ("max_unfinished_tasks_by_model", counts(self.maxUnfinishedTasksByModel)),
        ]
    }
}
