// Which channels a message of one kind goes out on, for one user: the one rule every consumer uses
// (`decideChannels`). A user chooses channels per kind in their profile (notification_preferences); a kind
// they never chose uses its default. Customers, drivers and staff each have their own kinds.
import type { Role } from "@pizza/db";

/** Every channel a user may choose; only the deliverable ones are sent on. */
export const PREFERENCE_CHANNELS = ["email", "sms", "push"] as const;
export type PreferenceChannel = (typeof PREFERENCE_CHANNELS)[number];

/** The channels this platform delivers on (push: Web Push to the user's subscribed browsers). */
export const DELIVERABLE_CHANNELS: ReadonlySet<PreferenceChannel> = new Set<PreferenceChannel>([
  "email",
  "sms",
  "push",
]);

/** What a user can choose, by role. */
export const KINDS_BY_ROLE = {
  customer: ["receipts", "order_status", "arriving", "marketing"],
  driver: ["new_offer", "shift_reminder"],
  staff: ["failed_digest"],
  admin: ["failed_digest"],
} as const satisfies Record<Role, readonly string[]>;

export type PreferenceKind = (typeof KINDS_BY_ROLE)[Role][number];
export const PREFERENCE_KINDS = [...new Set(Object.values(KINDS_BY_ROLE).flat())] as PreferenceKind[];

/**
 * The channels each kind can go out on, whatever the user can be reached on: a driver's offer is worth
 * something only as a push, a receipt is a document (email, or its total by SMS), the staff digest is a mail.
 * Order news is pushed by `push-consumer.ts`; the other moments by email and SMS (`job-expander.ts`).
 */
export const KIND_CHANNELS = {
  receipts: ["email", "sms"],
  order_status: ["email", "sms", "push"],
  arriving: ["email", "sms"],
  marketing: ["email", "sms"],
  new_offer: ["push"],
  shift_reminder: ["push"],
  failed_digest: ["email"],
} as const satisfies Record<PreferenceKind, readonly PreferenceChannel[]>;

/** The channels a user may choose for `kind`. */
export function choosableChannels(kind: PreferenceKind): PreferenceChannel[] {
  return (KIND_CHANNELS[kind] as readonly PreferenceChannel[]).filter((c) => DELIVERABLE_CHANNELS.has(c));
}

/**
 * Where a user can be reached: email (an account's or a guest's contact), phone and whether it is verified,
 * and whether they have a browser subscribed to push (absent: none).
 */
export interface Reach {
  userId: string;
  email: string | null;
  phone: string | null;
  phoneVerified: boolean;
  pushSubscribed?: boolean;
}

/** What the user stored for a kind (no row: the default). */
export interface StoredChoice {
  channels: string[];
  consentedAt: Date | string | null;
}

/** The channels a user can be reached on: email with an address, SMS with a verified phone, push with a subscription. */
export function availableChannels(reach: Reach): PreferenceChannel[] {
  const out: PreferenceChannel[] = [];
  if (reach.email) out.push("email");
  if (reach.phone && reach.phoneVerified) out.push("sms");
  if (reach.pushSubscribed && DELIVERABLE_CHANNELS.has("push")) out.push("push");
  return out;
}

/**
 * A kind's channels when the user has not chosen: marketing and the staff digest are off until asked for;
 * order news also goes to the browsers a customer subscribed with "Notify me".
 */
export function defaultChannels(kind: PreferenceKind, reach: Reach): PreferenceChannel[] {
  switch (kind) {
    case "receipts":
      return ["email"];
    case "order_status":
      return ["email", "push"];
    case "arriving":
      return reach.phone && reach.phoneVerified ? ["sms"] : ["email"];
    case "new_offer":
    case "shift_reminder":
      return ["push"];
    case "marketing":
    case "failed_digest":
      return [];
  }
}

/** A push target's recipient: `user:<id>`, all of that user's subscriptions. */
export const PUSH_RECIPIENT = "user:";

/** The address a channel reaches this user at (undefined: not reachable there). */
function recipientOn(channel: PreferenceChannel, reach: Reach, chosen: boolean): string | undefined {
  if (!DELIVERABLE_CHANNELS.has(channel)) return undefined;
  if (channel === "email") return reach.email ?? undefined;
  // A guest's contact phone is not verified, but it is the number they gave for this order.
  if (channel === "sms") return reach.phone && (reach.phoneVerified || !chosen) ? reach.phone : undefined;
  // Push goes to every browser the user subscribed (`push-targets.ts` expands it); none: not reachable.
  return reach.pushSubscribed ? `${PUSH_RECIPIENT}${reach.userId}` : undefined;
}

/** The customer's order news: never dropped only because the default channel cannot reach them. */
const FALLBACK_KINDS: ReadonlySet<PreferenceKind> = new Set<PreferenceKind>([
  "receipts",
  "order_status",
  "arriving",
]);

export interface ChannelTarget {
  channel: PreferenceChannel;
  recipient: string;
}

/**
 * The one decision: the channels and addresses a message of `kind` goes to. A user's own choice is kept
 * as made (an empty one means off; marketing only with consent). A default that cannot reach the user
 * (an email default for a guest who left only a phone number) falls back to a channel that can, so an
 * order's news is not silently dropped (a driver's push-only offer does not fall back to email).
 * `sentOn` is what the asking sender delivers (the job expander: email and SMS; the push consumer: push),
 * so a default reaching the user only on another sender's channel still falls back on this one's.
 */
export function decideChannels(
  kind: PreferenceKind,
  reach: Reach,
  stored: StoredChoice | undefined,
  sentOn: readonly PreferenceChannel[] = PREFERENCE_CHANNELS,
): ChannelTarget[] {
  if (kind === "marketing" && !stored?.consentedAt) return [];
  const chosen = stored !== undefined;
  const choosable = choosableChannels(kind).filter((c) => sentOn.includes(c));
  const wanted = stored ? (stored.channels as PreferenceChannel[]) : defaultChannels(kind, reach);
  const targets = (list: readonly PreferenceChannel[]) =>
    list
      .filter((c) => choosable.includes(c))
      .flatMap((channel) => {
        const recipient = recipientOn(channel, reach, chosen);
        return recipient ? [{ channel, recipient }] : [];
      });
  const out = targets(wanted);
  if (out.length > 0 || chosen || !FALLBACK_KINDS.has(kind)) return out;
  return targets(["email", "sms"]).slice(0, 1);
}
