/// The merchant pages' shared header: the signed-in client, the navigation with the current
/// page marked, and the form token of the sign-out button.
enum MerchantPage: String {
    case createSession, dashboard, requests
}

extension SandboxRequestContext {
    func merchantHeader(_ current: MerchantPage) -> [String: Any] {
        ["client": apiClient?.id ?? "", "csrf": signIn?.formToken ?? "",
         "onCreateSession": current == .createSession, "onDashboard": current == .dashboard, "onRequests": current == .requests]
    }
}
