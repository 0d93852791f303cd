// The one rule for channels: defaults per kind, the user's own choice kept as made, only reachable
// channels, marketing only with consent, and a fallback so a default never silently drops a message.
import { describe, expect, it } from "vitest";
import { availableChannels, choosableChannels, decideChannels, type Reach } from "./channel-choice.ts";

const emailOnly: Reach = { userId: "u1", email: "a@example.com", phone: null, phoneVerified: false };
const verified: Reach = {
  userId: "u2",
  email: "b@example.com",
  phone: "+4915112345678",
  phoneVerified: true,
};
const guestPhone: Reach = { userId: "u3", email: null, phone: "+4915100000000", phoneVerified: false };

describe("decideChannels", () => {
  it("uses each kind's default when the user has not chosen", () => {
    expect(decideChannels("receipts", emailOnly, undefined)).toEqual([
      { channel: "email", recipient: "a@example.com" },
    ]);
    expect(decideChannels("arriving", emailOnly, undefined)).toEqual([
      { channel: "email", recipient: "a@example.com" },
    ]);
    expect(decideChannels("arriving", verified, undefined)).toEqual([
      { channel: "sms", recipient: "+4915112345678" },
    ]);
    expect(decideChannels("marketing", verified, undefined)).toEqual([]);
  });

  it("keeps the user's choice, an empty one meaning off", () => {
    const sms = { channels: ["sms"], consentedAt: null };
    expect(decideChannels("order_status", verified, sms)).toEqual([
      { channel: "sms", recipient: "+4915112345678" },
    ]);
    expect(decideChannels("order_status", verified, { channels: [], consentedAt: null })).toEqual([]);
    expect(
      decideChannels("receipts", verified, { channels: ["email", "sms"], consentedAt: null }),
    ).toHaveLength(2);
  });

  it("sends marketing only with consent", () => {
    expect(decideChannels("marketing", emailOnly, { channels: ["email"], consentedAt: null })).toEqual([]);
    expect(decideChannels("marketing", emailOnly, { channels: ["email"], consentedAt: new Date() })).toEqual([
      { channel: "email", recipient: "a@example.com" },
    ]);
  });

  it("falls back from an unreachable default (a guest who left only a phone) but not from a choice", () => {
    expect(decideChannels("receipts", guestPhone, undefined)).toEqual([
      { channel: "sms", recipient: "+4915100000000" },
    ]);
    expect(decideChannels("receipts", guestPhone, { channels: ["email"], consentedAt: null })).toEqual([]);
  });

  it("offers SMS only with a verified phone, and push only with a subscribed browser", () => {
    expect(availableChannels(emailOnly)).toEqual(["email"]);
    expect(availableChannels(verified)).toEqual(["email", "sms"]);
    expect(availableChannels({ ...verified, pushSubscribed: true })).toEqual(["email", "sms", "push"]);
    expect(decideChannels("new_offer", verified, undefined)).toEqual([]);
  });

  it("sends a driver's offers by push to all their subscriptions, unless they turned it off", () => {
    const driver: Reach = { userId: "d1", email: "d@example.com", phone: null, phoneVerified: false };
    const phone = { ...driver, pushSubscribed: true };
    expect(decideChannels("new_offer", phone, undefined)).toEqual([
      { channel: "push", recipient: "user:d1" },
    ]);
    expect(decideChannels("shift_reminder", phone, undefined)).toEqual([
      { channel: "push", recipient: "user:d1" },
    ]);
    expect(decideChannels("new_offer", phone, { channels: [], consentedAt: null })).toEqual([]);
    // No subscription: not reachable on push, and an offer never falls back to email.
    expect(decideChannels("new_offer", driver, undefined)).toEqual([]);
  });

  it("pushes order news to a subscribed customer by default, each sender asking only for its channels", () => {
    const subscribed = { ...emailOnly, pushSubscribed: true };
    expect(decideChannels("order_status", subscribed, undefined)).toEqual([
      { channel: "email", recipient: "a@example.com" },
      { channel: "push", recipient: "user:u1" },
    ]);
    expect(decideChannels("order_status", subscribed, undefined, ["push"])).toEqual([
      { channel: "push", recipient: "user:u1" },
    ]);
    expect(decideChannels("order_status", emailOnly, undefined, ["push"])).toEqual([]);
    // A guest whose only default reach is a push subscription still gets the cancellation by SMS.
    const guest = { ...guestPhone, pushSubscribed: true };
    expect(decideChannels("order_status", guest, undefined, ["email", "sms"])).toEqual([
      { channel: "sms", recipient: "+4915100000000" },
    ]);
  });

  it("sends each kind only on its own channels, whatever was stored", () => {
    expect(choosableChannels("new_offer")).toEqual(["push"]);
    expect(choosableChannels("receipts")).toEqual(["email", "sms"]);
    expect(choosableChannels("failed_digest")).toEqual(["email"]);
    const everything = { channels: ["email", "sms", "push"], consentedAt: null };
    expect(decideChannels("new_offer", { ...verified, pushSubscribed: true }, everything)).toEqual([
      { channel: "push", recipient: "user:u2" },
    ]);
    expect(decideChannels("receipts", { ...verified, pushSubscribed: true }, everything)).toHaveLength(2);
  });
});
