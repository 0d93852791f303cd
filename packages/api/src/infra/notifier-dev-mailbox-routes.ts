// GET /dev/mail (the newest messages, email and SMS, with links; a text's body is shown in the list) and GET /dev/mail/:id (one message's HTML part, or its
// text when it has none). server.ts registers these only outside production and only for the dev mailbox.
import type { FastifyInstance } from "fastify";
import { escapeHtml } from "../modules/notifications/templates/html.ts";
import type { DevMailbox } from "./notifier-dev-mailbox.ts";

// Readable at phone width too: each message becomes a block of lines there.
const STYLE =
  "body{font-family:system-ui,sans-serif;margin:1rem}th,td{text-align:left;vertical-align:top;padding:.3rem .6rem}" +
  "small{color:#555}@media (max-width:640px){table,tbody,tr,td{display:block}tr:first-child{display:none}" +
  "tr{border-bottom:1px solid #ccc;padding:.5rem 0}td{padding:.1rem 0}}";

export function devMailboxRoutes(mailbox: DevMailbox) {
  return async (app: FastifyInstance) => {
    app.get("/dev/mail", async (_req, reply) => {
      const rows = mailbox
        .list()
        .map(
          (m) =>
            `<tr><td>${escapeHtml(m.receivedAt)}</td><td>${escapeHtml(m.channel)}</td><td>${escapeHtml(m.kind ?? "")}</td>` +
            `<td>${escapeHtml(m.to)}</td><td><a href="/dev/mail/${m.id}">${escapeHtml(m.subject)}</a>` +
            `${m.segments ? `<br>${escapeHtml(m.text)} <small>(${escapeHtml(m.segments)})</small>` : ""}</td></tr>`,
        )
        .join("\n");
      const body = rows || '<tr><td colspan="5">No messages yet: sign up or place an order.</td></tr>';
      return reply
        .type("text/html; charset=utf-8")
        .send(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
            `<title>Dev mailbox</title><style>${STYLE}</style></head><body>` +
            `<h1>Dev mailbox</h1><p>Messages this server would have sent (newest first; kept in memory only).</p>` +
            `<table><tr><th>received</th><th>channel</th><th>kind</th><th>to</th><th>subject</th></tr>\n${body}\n</table></body></html>`,
        );
    });
    app.get<{ Params: { id: string } }>("/dev/mail/:id", async (req, reply) => {
      const m = mailbox.get(req.params.id);
      if (!m) return reply.code(404).send({ error: "There is no message with that id in the dev mailbox." });
      if (m.html) return reply.type("text/html; charset=utf-8").send(m.html);
      return reply.type("text/plain; charset=utf-8").send(m.text);
    });
  };
}
