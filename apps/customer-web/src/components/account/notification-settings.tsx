// The account's "Notifications" card: for each kind of message, the channels the customer wants it on
// (the shared `NotificationChoices`, in the customer's language). Each tick saves at once; offers and news
// only with the customer's explicit consent, which ticking their box gives.

import { NotificationChoices, type NotificationChoicesText } from "@pizza/ui";
import { useT } from "../../i18n/index.tsx";

export function NotificationSettings() {
  const t = useT();
  const text: NotificationChoicesText = {
    title: t("notify.title"),
    loading: t("notify.loading"),
    saved: t("account.saved"),
    kinds: {
      receipts: { title: t("notify.receipts"), hint: t("notify.receiptsHint") },
      order_status: { title: t("notify.status"), hint: t("notify.statusHint") },
      arriving: { title: t("notify.arriving"), hint: t("notify.arrivingHint") },
      marketing: { title: t("notify.marketing"), hint: t("notify.marketingHint") },
    },
    channels: { email: t("ui.email"), sms: t("notify.sms"), push: t("notify.push") },
    unreachable: { push: t("notify.pushHint") },
  };
  return (
    <NotificationChoices
      text={text}
      consentKinds={["marketing"]}
      footer={(available) =>
        available.includes("sms") ? null : <p className="small muted">{t("notify.verifyPhone")}</p>
      }
    />
  );
}
