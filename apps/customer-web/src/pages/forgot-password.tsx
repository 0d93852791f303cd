import { ForgotPassword, linkToken } from "@pizza/ui";
import { useState } from "react";
import { useT } from "../i18n/index.tsx";
import { navigate } from "../router.tsx";

/**
 * "Forgot password?" (`/forgot-password`) and the emailed link's "Set a new password"
 * (`/reset-password#reset=…`): the shared flow of @pizza/ui; done, the customer lands on their account.
 */
export function ForgotPasswordPage() {
  const t = useT();
  const [token] = useState(() => linkToken("reset"));
  return (
    <div className="page page--narrow stack">
      <h1>{t("title.resetPassword")}</h1>
      <div className="card">
        <ForgotPassword
          token={token}
          allowRoles={["customer"]}
          wrongRoleMessage={t("reset.staffAccount")}
          onDone={() => navigate("/account", { replace: true })}
          onBack={() => navigate("/signin")}
        />
      </div>
    </div>
  );
}
