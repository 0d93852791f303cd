// The contract every email notifier passes (SMTP against a real server, the dev mailbox): the headers
// a mail client needs, both parts, UTF-8 in headers and bodies, and no header injection from a name.
import type { ParsedMail } from "mailparser";
import { describe, expect, it } from "vitest";
import type { Notifier } from "./notifier.ts";

export interface NotifierUnderTest {
  notifier: Notifier;
  /** The sender the notifier was configured with (MAIL_FROM). */
  from: string;
  /** Resolves with every message delivered so far, once at least `n` have been. */
  delivered(n: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export function notifierContract(name: string, setup: () => Promise<NotifierUnderTest>): void {
  describe(`Notifier contract: ${name}`, () => {
    async function sendOne(message: Parameters<Notifier["send"]>[0]) {
      const t = await setup();
      try {
        await t.notifier.send(message);
        const [mail] = await t.delivered(1);
        return { mail: mail!, from: t.from };
      } finally {
        await t.close();
      }
    }

    it("writes From, To, Subject, Date and Message-ID, and both a text and an HTML part", async () => {
      const { mail, from } = await sendOne({
        channel: "email",
        kind: "order_receipt",
        to: "ada@example.com",
        toName: "Ada Lovelace",
        subject: "Your receipt",
        text: "Total: $12.50",
        html: "<p>Total: <b>$12.50</b></p>",
        id: "0b9a2c1e-1111-4c2b-9a7e-000000000001",
      });
      expect(mail.from?.value).toEqual([
        { name: /^(.*?)\s*</.exec(from)?.[1] ?? "", address: /<([^>]+)>/.exec(from)?.[1] },
      ]);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([
        { address: "ada@example.com", name: "Ada Lovelace" },
      ]);
      expect(mail.subject).toBe("Your receipt");
      expect(mail.date).toBeInstanceOf(Date);
      expect(Math.abs(mail.date!.getTime() - Date.now())).toBeLessThan(5 * 60_000);
      expect(mail.messageId).toMatch(/^<0b9a2c1e-1111-4c2b-9a7e-000000000001@[^>]+>$/);
      expect(mail.text?.trim()).toBe("Total: $12.50");
      expect(mail.html).toContain("<p>Total: <b>$12.50</b></p>");
    });

    it("carries German and Japanese text in the subject, the name and both parts", async () => {
      const { mail } = await sendOne({
        channel: "email",
        to: "juergen@example.de",
        toName: "Jürgen Groß",
        locale: "de",
        subject: "Ihre Bestellung: Größe Ü, 注文の確認",
        text: "Grüße aus München. ご注文ありがとうございます。",
        html: "<p>Grüße aus München. ご注文ありがとうございます。</p>",
      });
      expect(mail.subject).toBe("Ihre Bestellung: Größe Ü, 注文の確認");
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.name : undefined).toBe("Jürgen Groß");
      expect(mail.text?.trim()).toBe("Grüße aus München. ご注文ありがとうございます。");
      expect(mail.html).toContain("ご注文ありがとうございます。");
    });

    it("does not let a name or subject with CR/LF add headers", async () => {
      const { mail } = await sendOne({
        channel: "email",
        to: "eve@example.com",
        toName: "Eve\r\nBcc: victim@example.com\r\nX-Injected: yes",
        subject: "Hello\r\nX-Injected: yes",
        text: "hi",
      });
      expect(mail.headers.has("x-injected")).toBe(false);
      expect(mail.headers.has("bcc")).toBe(false);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual([
        "eve@example.com",
      ]);
      expect(mail.subject).not.toMatch(/[\r\n]/);
    });
  });
}
