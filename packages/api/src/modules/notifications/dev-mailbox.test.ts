// Configuration and the dev mailbox: development reads its mail at /dev/mail, production has no such route
// and refuses NOTIFIER=smtp without SMTP_URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../env.ts";
import { DevMailbox } from "../../infra/notifier-dev-mailbox.ts";
import { devMailboxOf } from "../../infra/notifier-router.ts";
import { aCustomer } from "../../testing/builders.ts";
import { createTestPlatform, startTestServer, type TestPlatform } from "../../testing/harness.ts";
import { Codes } from "../auth/codes.ts";

describe("notifier configuration", () => {
  const production = {
    NODE_ENV: "production",
    DATABASE_URL: "postgres://x/y",
    JWT_SECRET: "x".repeat(32),
    PAYMENTS: "simulated",
  };

  it("refuses NOTIFIER=smtp without SMTP_URL, and the dev mailbox in production", () => {
    expect(() => loadConfig({ ...production, NOTIFIER: "smtp" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, NOTIFIER: "smtp" })).toThrow(/NOTIFIER=smtp needs SMTP_URL/);
    expect(() => loadConfig({ ...production, NOTIFIER: "mailbox" })).toThrow(
      /NOTIFIER=mailbox is for development/,
    );
    expect(
      loadConfig({ ...production, NOTIFIER: "smtp", SMTP_URL: "smtp://u:p@mail:587" }).notifications,
    ).toMatchObject({
      notifier: "smtp",
      smtpUrl: "smtp://u:p@mail:587",
    });
  });

  it("defaults to the dev mailbox in development and to the log in tests", () => {
    expect(loadConfig({ NODE_ENV: "development", PGLITE_DIR: "memory://" }).notifications.notifier).toBe(
      "mailbox",
    );
    expect(loadConfig({ NODE_ENV: "test", PGLITE_DIR: "memory://" }).notifications.notifier).toBe("log");
  });
});

describe("the dev mailbox at /dev/mail", () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(
      { db: "pglite", redis: false },
      { seed: true, env: { NOTIFIER: "mailbox" } },
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists the messages and shows one's HTML outside production; the route does not exist in production", async () => {
    expect(devMailboxOf(t.platform.notifier)).toBeInstanceOf(DevMailbox);
    const me = await aCustomer(t, { name: "<i>Eve</i>", locale: "de" });
    const codes = new Codes({
      db: t.platform.db,
      rateLimiter: t.platform.rateLimiter,
      notifier: t.platform.notifier,
    });
    await codes.send(me.id, "email", "eve@example.com");
    await codes.send(me.id, "phone", "+4915112345678");

    const server = await startTestServer(t.platform);
    try {
      const list = await fetch(`${server.url}/dev/mail`);
      expect(list.status).toBe(200);
      const page = await list.text();
      expect(page).toContain("eve@example.com");
      expect(page).toContain("Ihr Bestätigungscode");
      // The text message is listed with its body and what it costs.
      expect(page).toContain("+4915112345678");
      expect(page).toMatch(
        /\d{6} ist Ihr Pizza-Code\. Er ist 10 Minuten gültig\. <small>\(1 segment, GSM-7\)<\/small>/,
      );
      const id = [...page.matchAll(/href="\/dev\/mail\/(\d+)"/g)].at(-1)?.[1];
      const one = await fetch(`${server.url}/dev/mail/${id}`);
      expect(one.headers.get("content-type")).toContain("text/html");
      expect(await one.text()).toMatch(/Ihr Pizza-Bestätigungscode lautet \d{6}/);
      expect((await fetch(`${server.url}/dev/mail/999999`)).status).toBe(404);
    } finally {
      await server.close();
    }

    const prod = await startTestServer({
      ...t.platform,
      config: { ...t.platform.config, env: "production" },
    });
    try {
      expect((await fetch(`${prod.url}/dev/mail`)).status).toBe(404);
    } finally {
      await prod.close();
    }
  });
});
