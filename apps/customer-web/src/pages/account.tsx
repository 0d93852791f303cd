// The customer's account: profile, contact verification, saved delivery addresses, loyalty points and saved cards.
import { errorMessage, FormError, useSession, useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { LoyaltyPoints } from "../components/account/loyalty.tsx";
import { NotificationSettings } from "../components/account/notification-settings.tsx";
import { ProfileDetails } from "../components/account/profile-details.tsx";
import { Addresses } from "../components/account/saved-addresses.tsx";
import { SavedCards } from "../components/account/saved-cards.tsx";
import { useT } from "../i18n/index.tsx";
import { navigate, useLocation } from "../router.tsx";

export function AccountPage() {
  const t = useT();
  const trpc = useTRPC();
  const { user } = useSession();
  const { query } = useLocation();
  // Greeted once: the flag leaves the address bar so a reload or a shared link does not greet again.
  const welcomeParam = query.has("welcome");
  const [welcome] = useState(welcomeParam);

  useEffect(() => {
    if (!user) navigate("/signin?next=/account", { replace: true });
    else if (welcomeParam) navigate("/account", { replace: true });
  }, [user, welcomeParam]);

  const profile = useQuery({ ...trpc.user.profile.queryOptions(), enabled: user !== null });

  if (!user) return null;
  return (
    <div className="page stack account">
      <h1>{t("title.account")}</h1>
      {welcome ? (
        <div className="alert alert--success" role="status">
          {t("account.welcome", { name: user.name })}
        </div>
      ) : null}
      {profile.isPending ? (
        <p className="muted" role="status">
          {t("account.loading")}
        </p>
      ) : profile.isError ? (
        <div className="stack">
          <FormError message={errorMessage(profile.error)} />
          <div>
            <button type="button" className="button" onClick={() => profile.refetch()}>
              {t("common.tryAgain")}
            </button>
          </div>
        </div>
      ) : (
        <>
          <ProfileDetails profile={profile.data} />
          <Addresses profile={profile.data} />
          <LoyaltyPoints />
          <SavedCards />
          <NotificationSettings />
        </>
      )}
    </div>
  );
}
