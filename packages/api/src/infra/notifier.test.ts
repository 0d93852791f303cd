// Both email notifiers pass the contract: SMTP against a real SMTP server, and the dev mailbox (whose
// stored message is parsed the same way).
import { simpleParser } from "mailparser";
import { startTestSmtpServer } from "../testing/smtp-server.ts";
import { notifierContract } from "./notifier.contract.ts";
import { DevMailbox } from "./notifier-dev-mailbox.ts";
import { SmtpNotifier } from "./notifier-smtp.ts";

const FROM = "Pizza <orders@pizza.example>";

notifierContract("SmtpNotifier (smtp-server)", async () => {
  const server = await startTestSmtpServer();
  const notifier = new SmtpNotifier(server.url, FROM);
  return {
    notifier,
    from: FROM,
    delivered: async (n) => (await server.waitForCount(n)).map((m) => m.parsed),
    close: async () => {
      notifier.close();
      await server.close();
    },
  };
});

notifierContract("DevMailbox", async () => {
  const notifier = new DevMailbox(FROM);
  return {
    notifier,
    from: FROM,
    delivered: async (n) => {
      const list = notifier.list().reverse();
      if (list.length < n) throw new Error(`the dev mailbox holds ${list.length} messages, expected ${n}`);
      return Promise.all(list.map((m) => simpleParser(m.raw)));
    },
    close: async () => {},
  };
});
