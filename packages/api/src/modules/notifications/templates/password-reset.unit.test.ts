import { describe, expect, it } from "vitest";
import { guestClaimLine, passwordResetMessage } from "./password-reset.ts";

describe("password reset message", () => {
  it.each([
    ["en", "Reset your Pizza password", "expires in 15 minutes"],
    ["de-AT", "Pizza-Passwort zurücksetzen", "15 Minuten gültig"],
    ["ja", "Pizza のパスワード再設定", "有効期限は15分"],
  ])("is written in %s with the code in both parts and the link by email", (locale, subject, expiry) => {
    const link = "https://pizza.example/reset-password#reset=abc&x=<b>";
    const m = passwordResetMessage({ locale, code: "042917", minutes: 15, link });
    expect(m.subject).toBe(subject);
    expect(m.text).toContain("042917");
    expect(m.text).toContain(expiry);
    expect(m.text).toContain(link);
    expect(m.html).toContain("042917");
    expect(m.html).toContain('href="https://pizza.example/reset-password#reset=abc&amp;x=&lt;b&gt;"');
    expect(m.html).not.toContain('<b>"');
    // A text message: the code, one GSM-7 segment where the language allows.
    expect(m.sms).toContain("042917");
    expect(m.sms.length).toBeLessThanOrEqual(locale === "ja" ? 70 : 160);
  });

  it("has no link part when there is no link", () => {
    const m = passwordResetMessage({ locale: "en", code: "123456", minutes: 15 });
    expect(m.text).not.toContain("link");
    expect(m.html).not.toContain("<a ");
  });

  it("words a guest's 'create your account' line per locale, escaped in HTML", () => {
    const line = guestClaimLine("de", 'https://pizza.example/create-account#token=t"x');
    expect(line.text).toContain("Passwort");
    expect(line.html).toContain("#token=t&quot;x");
  });
});
