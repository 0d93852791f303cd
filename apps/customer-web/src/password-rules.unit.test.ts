import { describe, expect, it } from "vitest";
import { passwordRules } from "./password-rules.ts";
import { safeNext } from "./router.tsx";

const met = (password: string, email = "") => passwordRules(password, email).map((r) => r.met);

describe("the password checklist on the sign-up form", () => {
  it("ticks each rule the API enforces as it is met", () => {
    expect(met("")).toEqual([false, false, false]);
    expect(met("short1")).toEqual([false, false, true]);
    expect(met("aaaaaaaaaaaa")).toEqual([true, false, true]);
    expect(met("onlylowercase")).toEqual([true, true, true]);
    expect(met("a very long passphrase only")).toEqual([true, true, true]);
    expect(met("Margherita-2026!")).toEqual([true, true, true]);
  });

  it("flags a password that contains the email's name", () => {
    expect(met("Ada.lovelace-99", "ada.lovelace@example.com")[2]).toBe(false);
    expect(met("Margherita-2026!", "ada.lovelace@example.com")[2]).toBe(true);
  });
});

describe("?next= after sign-in", () => {
  it("only follows paths inside the app", () => {
    expect(safeNext("/account")).toBe("/account");
    expect(safeNext("https://evil.example/")).toBe("/");
    expect(safeNext("//evil.example/")).toBe("/");
    expect(safeNext("/\\evil.example/")).toBe("/");
    expect(safeNext(null, "/account")).toBe("/account");
  });
});
