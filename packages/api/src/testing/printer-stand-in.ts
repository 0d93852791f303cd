// A network receipt printer for tests: a TCP server on port 9100 (the raw-printing port the store setting
// allows) of a random loopback address 127.a.b.c, so tests running in parallel each have their own. Each
// connection is one print job; the bytes are recorded as they arrived. `settle()` waits on a positive
// signal instead of sleeping: it connects once more itself and, when the stand-in has accepted that
// connection (accepts are in order), waits until every earlier job has closed.
import net from "node:net";

export interface PrinterStandIn {
  host: string;
  port: number;
  /** Finished jobs, in the order they closed. */
  jobs: Buffer[];
  /** A job's bytes as text (ESC/POS commands show as control characters). */
  text(job: Buffer): string;
  settle(timeoutMs?: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

const randomLoopback = () =>
  `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

/** A loopback address on port 9100 where nothing listens (a printer that is switched off). */
export function aDeadPrinterAddress(): { host: string; port: number } {
  return { host: randomLoopback(), port: 9100 };
}

function listen(server: net.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

export async function startPrinterStandIn(): Promise<PrinterStandIn> {
  const jobs: Buffer[] = [];
  const open = new Set<Promise<void>>();
  const sentinels = new Set<number>();
  const accepted = new Set<number>();
  const server = net.createServer((socket) => {
    const port = socket.remotePort ?? -1;
    accepted.add(port);
    if (sentinels.has(port)) return void socket.destroy();
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    open.add(
      new Promise<void>((done) => {
        socket.on("close", () => {
          jobs.push(Buffer.concat(chunks));
          done();
        });
      }),
    );
  });
  let host = randomLoopback();
  for (let attempt = 0; ; attempt++) {
    try {
      await listen(server, host, 9100);
      break;
    } catch (e) {
      if (attempt > 10) throw e;
      host = randomLoopback();
    }
  }
  return {
    host,
    port: 9100,
    jobs,
    text: (job) => job.toString("latin1"),
    async settle(timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      const probe = net.connect({ host, port: 9100 });
      await new Promise<void>((r) => probe.once("connect", () => r()));
      const local = probe.localPort ?? -1;
      sentinels.add(local);
      // The sentinel may have been accepted before its port was noted: then it is an empty job.
      while (!accepted.has(local)) {
        if (Date.now() > until) throw new Error("the printer stand-in did not accept the probe");
        await new Promise((r) => setImmediate(r));
      }
      probe.destroy();
      await Promise.all(open);
      return jobs.filter((j) => j.length > 0);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
