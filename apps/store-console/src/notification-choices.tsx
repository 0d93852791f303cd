// The staff member's (or admin's) own notification settings: the daily digest of messages that could not
// be delivered (`failed_digest`: off until chosen, by email). Built on the shared `NotificationChoices`.
import { NotificationChoices, type NotificationChoicesText } from "@pizza/ui";

const TEXT: NotificationChoicesText = {
  title: "My notifications",
  loading: "Loading your settings…",
  saved: "Saved.",
  kinds: {
    failed_digest: {
      title: "Failed deliveries digest",
      hint: "Receipts and order messages that could not be delivered to customers, once a day. Off until you choose it.",
    },
  },
  channels: { email: "Email", sms: "SMS", push: "Push" },
  unreachable: { email: "Your account has no email address to send it to." },
};

export function StaffNotificationChoices() {
  return (
    <div className="panel-grid">
      <NotificationChoices text={TEXT} />
    </div>
  );
}
