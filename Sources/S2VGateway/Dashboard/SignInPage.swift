import S2VReports

/// The dashboard's sign-in form: one password field for a gateway key, posted to `/dashboard/login`, so the key
/// never appears in a URL.
struct SignInPage {
    /// Why the previous attempt failed, shown above the form; plain text.
    var message: String?

    func render() -> String {
        let message = self.message.map { #"<p class="message" role="alert">\#(HTMLText.escape($0))</p>"# } ?? ""
        return DashboardLayout.document(
            title: "Sign in · s2v-meter",
            body: """
                <header><h1>s2v-meter dashboard</h1></header>
                <form class="sign-in" method="post" action="/dashboard/login">
                \(message)
                <p><label for="key">Gateway key</label><br>
                <input id="key" name="key" type="password" autocomplete="current-password" required autofocus></p>
                <p><button type="submit">Sign in</button></p>
                <p class="muted">An admin key shows every team; a team key shows its own team only.</p>
                </form>
                """
        )
    }
}
