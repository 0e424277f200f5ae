import Foundation

extension SimulatedTask {
    /// Frame rate reported in `wan2.2-s2v`'s `usage.fps`.
    static let framesPerSecond = 16
    /// `videoretalk`'s `usage.size`: the input video's, which the simulator does not read, so it assumes 720p.
    static let videoRetalkSize = "1280*720"
    /// `videoretalk`'s `usage.fps`: the input video's, assumed 25.
    static let videoRetalkFramesPerSecond = 25
    /// The `usage.video_ratio` of the models priced without a ratio.
    static let standardRatio = "standard"

    /// The `output` object of `GET /tasks/{id}`; which fields appear depends on the status and the model.
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
        case .succeeded where self.model == .videoRetalk:
            // VideoRetalk's schema has the result at `output.video_url`.
            members.append(("video_url", .string(self.videoURL)))
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

    /// The top-level `usage` object; SUCCEEDED tasks only. `wan2.2-s2v` reports `duration`, the family
    /// `video_duration`.
    var usage: JSONValue? {
        guard self.status == .succeeded else { return nil }
        switch self.item {
        case .synthesis(let resolution):
            return .object([
                ("duration", .decimal(self.duration)),
                ("size", .string(resolution.size)),
                ("fps", .int(Self.framesPerSecond)),
                ("video_count", .int(1)),
                ("SR", .int(resolution.superResolution)),
            ])
        case .emo(let ratio):
            return .object([("video_duration", .decimal(self.duration)), ("video_ratio", .string(ratio.rawValue))])
        case .livePortrait:
            return .object([("video_duration", .decimal(self.duration)), ("video_ratio", .string(Self.standardRatio))])
        case .videoRetalk:
            return .object([
                ("video_duration", .decimal(self.duration)),
                ("size", .string(Self.videoRetalkSize)),
                ("video_ratio", .string(Self.standardRatio)),
                ("fps", .int(Self.videoRetalkFramesPerSecond)),
            ])
        case .detect, .emoDetect, .livePortraitDetect:
            // Detect models make no tasks.
            return nil
        }
    }

    /// A fake signed result URL that expires 24 h after the task ended.
    var videoURL: String {
        let expires = Int64((self.endTime ?? self.submitTime).timeIntervalSince1970) + 86_400
        return
            "https://dashscope-result-sim.example.com/\(self.model.rawValue)/\(self.id).mp4?Expires=\(expires)&Signature=simulated"
    }

    /// The `output` of an unknown or expired task.
    static func unknownOutput(id: String) -> JSONValue {
        .object([("task_id", .string(id)), ("task_status", .string(TaskStatus.unknown.rawValue))])
    }
}
