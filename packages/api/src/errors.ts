import type { Message, MessageArgs, MessageKey } from "./i18n/message.ts";

/** Expected failures of the domain; the tRPC layer maps each code to its HTTP-class error. */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "TOO_MANY_REQUESTS"
  | "UNPROCESSABLE_CONTENT"
  | "SERVICE_UNAVAILABLE";

/** An English sentence (staff and driver tools), or a catalog message said in the caller's language. */
export type ErrorText = string | Message;

export class AppError extends Error {
  /** The catalog key when the sentence is said in the caller's language (i18n/messages); else English only. */
  readonly key: MessageKey | undefined;
  readonly args: MessageArgs | undefined;

  constructor(
    readonly code: AppErrorCode,
    message: ErrorText,
    /** Extra machine-readable detail for the apps (e.g. which item is out of stock). */
    readonly details?: Record<string, unknown>,
  ) {
    super(typeof message === "string" ? message : message.text);
    this.name = "AppError";
    this.key = typeof message === "string" ? undefined : message.key;
    this.args = typeof message === "string" ? undefined : message.args;
  }
}

export const badRequest = (message: ErrorText, details?: Record<string, unknown>) =>
  new AppError("BAD_REQUEST", message, details);
export const notFound = (message: ErrorText) => new AppError("NOT_FOUND", message);
export const forbidden = (message: ErrorText) => new AppError("FORBIDDEN", message);
export const conflict = (message: ErrorText, details?: Record<string, unknown>) =>
  new AppError("CONFLICT", message, details);
export const preconditionFailed = (message: ErrorText, details?: Record<string, unknown>) =>
  new AppError("PRECONDITION_FAILED", message, details);
/** The service cannot answer right now (e.g. a busy database); `details.retryAfterMs` becomes Retry-After. */
export const serviceUnavailable = (message: ErrorText, details?: Record<string, unknown>) =>
  new AppError("SERVICE_UNAVAILABLE", message, details);
