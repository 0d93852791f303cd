// The one rule for channels: defaults per kind, the user's own choice kept as made, only reachable
// channels, marketing only with consent, and a fallback so a default never silently drops a message.
import { describe, expect, it } from "vitest";
import { availableChannels, decideChannels, type Reach } from "./channel-choice.ts";

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

  it("offers SMS only with a verified phone, and push not before it exists", () => {
    expect(availableChannels(emailOnly)).toEqual(["email"]);
    expect(availableChannels(verified)).toEqual(["email", "sms"]);
    expect(decideChannels("new_offer", verified, undefined)).toEqual([]);
  });
});
