import { ForgotPassword, linkToken } from "@pizza/ui";
import { useState } from "react";
import { navigate } from "../router.tsx";

/**
 * "Forgot password?" (`/forgot-password`) and the emailed link's "Set a new password"
 * (`/reset-password#reset=…`): the shared flow of @pizza/ui; done, the customer lands on their account.
 */
export function ForgotPasswordPage() {
  const [token] = useState(() => linkToken("reset"));
  return (
    <div className="page page--narrow stack">
      <h1>Reset your password</h1>
      <div className="card">
        <ForgotPassword
          token={token}
          allowRoles={["customer"]}
          wrongRoleMessage="This is a staff or driver account: sign in to it in its own app."
          onDone={() => navigate("/account", { replace: true })}
          onBack={() => navigate("/signin")}
        />
      </div>
    </div>
  );
}
