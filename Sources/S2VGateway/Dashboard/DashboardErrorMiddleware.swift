import Hummingbird
import S2VCore
import S2VReports

/// Answers the dashboard's failures with a small HTML page instead of the API's JSON body: a browser shows it
/// as it is. The status and the logging are those of the API's ``ErrorMiddleware`` (an unreachable PostgreSQL
/// is 503; an unexpected error is logged in full and shown only as a request id).
struct DashboardErrorMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let serviceError = ErrorMiddleware.serviceError(for: error, context: context)
            let message = serviceError.status == 500 ? "Something went wrong on our side." : serviceError.message
            let body = """
                <header><h1>s2v-meter dashboard</h1></header>
                <p class="message" role="alert">\(HTMLText.escape(message))</p>
                <p class="muted">HTTP \(serviceError.status) · request \(HTMLText.escape(context.requestIDText))</p>
                <p><a href="/dashboard">Back to the dashboard</a></p>
                """
            return .html(
                DashboardLayout.document(title: "Error · s2v-meter", body: body),
                status: .init(code: serviceError.status)
            )
        }
    }
}
