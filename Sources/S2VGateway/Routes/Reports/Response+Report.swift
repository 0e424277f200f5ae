import HTTPTypes
import Hummingbird
import NIOCore
import S2VReports

extension Response {
    /// A rendered report with its media type. Reports are not cached by intermediaries: they carry money.
    static func report(_ text: String, format: ReportFormat, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: format.contentType, .cacheControl: "no-store"]
        headers.append(contentsOf: extra)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
