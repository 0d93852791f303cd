// Issue 14 finding 7: no secrets in logs. The log notifier is a development tool: in production it must
// be chosen explicitly and never writes a message's content; pino redacts tokens, codes, passwords, card
// data and contact details wherever they appear under their usual names.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../env.ts";
import { LogNotifier, maskContact } from "../infra/notifier.ts";
import { captureLog } from "../testing/log-capture.ts";

const SECRETS = {
  password: "Correct-Horse-42",
  accessToken: "eyJhbGciOiJIUzI1NiJ9.secret-access",
  refreshToken: "r3fr3sh-t0ken-secret",
  email: "pat.secret@example.com",
  phone: "+12125550187",
  method: { type: "test_card", number: "4242424242424242", cvc: "cvc-secret-7" },
  input: { channel: "email", code: "482913" },
};
const VALUES = [
  "Correct-Horse-42",
  "secret-access",
  "r3fr3sh",
  "pat.secret",
  "5550187",
  "4242424242",
  "482913",
];

describe("logs keep no secrets", () => {
  it("redacts them at the top level, nested, and in request headers", () => {
    const { log, text } = captureLog();
    log.info({ ...SECRETS }, "top level");
    log.info({ input: { ...SECRETS } }, "one level down");
    log.info({ body: { method: { ...SECRETS } } }, "two levels down");
    log.info(
      { req: { headers: { authorization: `Bearer ${SECRETS.accessToken}`, cookie: "sid=abc" } } },
      "req",
    );
    const out = text();
    expect(out).toContain("[redacted]");
    expect(out.split("\n").filter(Boolean)).toHaveLength(4);
    for (const secret of [...VALUES, "sid=abc"]) expect(out).not.toContain(secret);
    // What operators need stays: an error's code, an order's number.
    log.error({ err: { code: "40P01" }, order: { number: 1042 } }, "kept");
    expect(text()).toContain("40P01");
    expect(text()).toContain("1042");
  });

  it("in production the log notifier says a message was not delivered, without its content", async () => {
    const { log, text } = captureLog();
    const notifier = new LogNotifier(log, { revealContent: false });
    await notifier.send({
      channel: "sms",
      to: SECRETS.phone,
      subject: "Your verification code",
      text: `Your Pizza verification code is ${SECRETS.input.code}.`,
    });
    const out = text();
    expect(out).toContain(maskContact(SECRETS.phone));
    expect(out).toContain("not delivered");
    expect(out).not.toContain(SECRETS.input.code);
    expect(out).not.toContain(SECRETS.phone);
    expect(notifier.sent).toEqual([]);
  });

  it("production refuses to start without an explicit notifier", () => {
    const production = {
      NODE_ENV: "production",
      DATABASE_URL: "postgres://x/y",
      JWT_SECRET: "x".repeat(32),
      PAYMENTS: "simulated",
    };
    expect(() => loadConfig(production)).toThrow(/NOTIFIER/);
    expect(loadConfig({ ...production, NOTIFIER: "log" }).env).toBe("production");
  });
});
