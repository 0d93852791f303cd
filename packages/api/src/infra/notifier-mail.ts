// How a Notification becomes an email: the one place that decides headers, so the SMTP adapter and the
// dev mailbox write the same message. User-supplied text (a name, a subject built from one) never reaches
// a header with a line break in it; nodemailer encodes non-ASCII words (RFC 2047) and the parts as UTF-8.
import { randomUUID } from "node:crypto";
import type { SendMailOptions } from "nodemailer";
import type { Notification } from "./notifier.ts";

/** One header line: CR, LF and other control characters become spaces. */
export function oneLine(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

/** The domain of `MAIL_FROM` ("Pizza <orders@pizza.example>" → pizza.example), for Message-IDs. */
export function fromDomain(from: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  return m?.[1] ?? "localhost";
}

export function mailOptions(message: Notification, from: string): SendMailOptions {
  const name = message.toName ? oneLine(message.toName) : "";
  const address = oneLine(message.to);
  return {
    from,
    to: name ? { name, address } : address,
    subject: oneLine(message.subject),
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    messageId: `<${message.id ?? randomUUID()}@${fromDomain(from)}>`,
    date: new Date(),
    textEncoding: "quoted-printable",
    ...(message.locale ? { headers: { "Content-Language": oneLine(message.locale) } } : {}),
  };
}
