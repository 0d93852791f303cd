// The driver's notification settings: which of their messages (new offers, shift reminders) come as push
// to their subscribed phones. Built on the shared `NotificationChoices`; a driver who turns offers' push
// off gets none (the server's push consumer reads the same choice).
import { NotificationChoices, type NotificationChoicesText } from "@pizza/ui";

const TEXT: NotificationChoicesText = {
  title: "Notification settings",
  loading: "Loading your settings…",
  saved: "Saved.",
  kinds: {
    new_offer: { title: "New offers", hint: "A delivery offered to you, with Accept and Decline." },
    shift_reminder: {
      title: "Shift reminders",
      hint: "When your store has orders waiting and no driver free while you are off shift.",
    },
  },
  channels: { email: "Email", sms: "SMS", push: "Push" },
  unreachable: { push: "Turn on notifications on this phone first." },
};

export function DriverNotificationChoices() {
  return <NotificationChoices text={TEXT} />;
}
