// The process's logger. Secrets and personal data never reach the log as values: pino's `redact`
// replaces them wherever they appear under the usual names (request headers, sign-in input, tokens,
// codes, card data, contact details), in every environment.
import pino, { type DestinationStream, type Logger } from "pino";

const SECRET_KEYS = [
  "password",
  "newPassword",
  "currentPassword",
  "password_hash",
  "accessToken",
  "refreshToken",
  "token",
  "code_hash",
  "clientSecret",
  "client_secret",
  "cvc",
  "email",
  "phone",
  "contact_email",
  "contact_phone",
  "to",
  "text",
  "authorization",
  "cookie",
];

/**
 * Names whose meaning depends on their parent: a card's number (an order's `number` is no secret) and a
 * verification code (an error's `code` — a decline reason, SQLSTATE 40P01 — is what operators need).
 */
const SECRET_CHILDREN = ["method.number", "card.number", "input.code", "verification.code"];

/** Where each name is looked for: at the top of a log object, one and two levels down, and in request headers. */
export const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  ...[...SECRET_KEYS, ...SECRET_CHILDREN].flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

export function createLogger(opts: { level: string }, destination?: DestinationStream): Logger {
  const options = { level: opts.level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } };
  return destination ? pino(options, destination) : pino(options);
}
