// Raw TCP printing ("port 9100", JetDirect): open a connection to the printer, write the bytes, close.
// The printer answers nothing, so "sent" means every byte was handed to the network and the connection
// closed cleanly. Any failure (refused, unreachable, no answer within the timeout) is an Error with a
// sentence a person can act on; the caller decides what the console is told.
import net from "node:net";

export interface PrinterAddress {
  host: string;
  port: number;
}

const reasons: Record<string, string> = {
  ECONNREFUSED: "refused the connection (is it switched on, and is raw printing on port {port} enabled?)",
  EHOSTUNREACH: "cannot be reached from the server",
  ENETUNREACH: "cannot be reached from the server",
  ENOTFOUND: "has an address the server cannot find",
  EAI_AGAIN: "has an address the server cannot look up just now",
  ECONNRESET: "closed the connection before the ticket was sent",
};

export class PrinterUnavailable extends Error {}

export function sendToPrinter(to: PrinterAddress, bytes: Uint8Array, timeoutMs = 4000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: to.host, port: to.port });
    let done = false;
    const fail = (why: string) => {
      if (done) return;
      done = true;
      socket.destroy();
      reject(
        new PrinterUnavailable(
          `The printer at ${to.host}:${to.port} ${why.replace("{port}", String(to.port))}.`,
        ),
      );
    };
    socket.setTimeout(timeoutMs, () => fail(`did not answer within ${Math.round(timeoutMs / 1000)} s`));
    socket.on("error", (e: NodeJS.ErrnoException) =>
      fail(reasons[e.code ?? ""] ?? `failed (${e.code ?? e.message})`),
    );
    // Sent = every byte handed to the network and our side closed; the printer may keep its side open.
    socket.on("connect", () =>
      socket.end(bytes, () => {
        if (done) return;
        done = true;
        socket.setTimeout(timeoutMs, () => socket.destroy());
        resolve();
      }),
    );
  });
}
