import Foundation

extension SimulatedTask {
    /// Frame rate reported in `usage.fps`.
    static let framesPerSecond = 16

    /// The `output` object of `GET /tasks/{id}`; which fields appear depends on the status.
    var outputMembers: [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("task_id", .string(self.id)),
            ("task_status", .string(self.status.rawValue)),
            ("submit_time", .string(Timestamp.format(self.submitTime))),
        ]
        if let scheduled = self.scheduledTime {
            members.append(("scheduled_time", .string(Timestamp.format(scheduled))))
        }
        if let end = self.endTime {
            members.append(("end_time", .string(Timestamp.format(end))))
        }
        switch self.status {
        case .succeeded:
            members.append(("results", .object([("video_url", .string(self.videoURL))])))
        case .failed:
            let failure = self.plannedFailure ?? .injected
            members.append(("code", .string(failure.code)))
            members.append(("message", .string(failure.message)))
        case .pending, .running, .canceled, .unknown:
            break
        }
        return members
    }

    /// The top-level `usage` object; SUCCEEDED tasks only.
    var usage: JSONValue? {
        guard self.status == .succeeded else { return nil }
        return .object([
            ("duration", .decimal(self.duration)),
            ("size", .string(self.resolution.size)),
            ("fps", .int(Self.framesPerSecond)),
            ("video_count", .int(1)),
            ("SR", .int(self.resolution.superResolution)),
        ])
    }

    /// A fake signed result URL that expires 24 h after the task ended.
    var videoURL: String {
        let expires = Int64((self.endTime ?? self.submitTime).timeIntervalSince1970) + 86_400
        return
            "https://dashscope-result-sim.example.com/wan2.2-s2v/\(self.id).mp4?Expires=\(expires)&Signature=simulated"
    }

    /// The `output` of an unknown or expired task.
    static func unknownOutput(id: String) -> JSONValue {
        .object([("task_id", .string(id)), ("task_status", .string(TaskStatus.unknown.rawValue))])
    }
}
