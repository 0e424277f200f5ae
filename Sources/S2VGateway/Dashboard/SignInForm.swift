/// The sign-in form's body, `application/x-www-form-urlencoded`: `key=<gateway key>`.
struct SignInForm: Decodable {
    var key: String
}
