// A real SMTP server for tests (smtp-server on a free port): every accepted message is parsed with
// mailparser and kept with its raw text. `refuse(n)` makes the next n messages fail at DATA (a provider
// outage); `waitForCount` resolves when the server has accepted that many (a positive signal, no sleeps).
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  parsed: ParsedMail;
  raw: string;
}

export interface TestSmtpServer {
  /** smtp://test:secret@127.0.0.1:<port> */
  url: string;
  received: ReceivedMail[];
  /** How many DATA commands were refused so far. */
  refused(): number;
  /** The next `n` messages are refused with a temporary error (451). */
  refuse(n: number): void;
  waitForCount(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Resolves with the first received message `match` accepts, as soon as it arrives. */
  waitFor(match: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Messages addressed to `address`. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  let toRefuse = 0;
  let refusedCount = 0;
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "test" && auth.password === "secret") callback(null, { user: "test" });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (toRefuse > 0) {
          toRefuse--;
          refusedCount++;
          const error = Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 451 });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw).then(
          (parsed) => {
            received.push({ parsed, raw });
            callback(null);
            for (const w of waiters.splice(0)) w();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  /** Waits, woken by each accepted message, until `done()` holds or the time is up. */
  async function until(done: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the test SMTP server received ${what()} after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://test:secret@127.0.0.1:${port}`,
    received,
    refused: () => refusedCount,
    refuse(n) {
      toRefuse = n;
    },
    async waitForCount(n, timeoutMs = 10_000) {
      await until(
        () => received.length >= n,
        timeoutMs,
        () => `${received.length} messages, expected ${n}`,
      );
      return received;
    },
    async waitFor(match, timeoutMs = 10_000) {
      await until(
        () => received.some(match),
        timeoutMs,
        () => "no message that matches",
      );
      return received.find(match)!;
    },
    to: (address) => received.filter((m) => addressesOf(m).includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addressesOf(m: ReceivedMail): string[] {
  const to = m.parsed.to;
  const list = Array.isArray(to) ? to : to ? [to] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ""));
}
