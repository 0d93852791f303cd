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

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Extra machine-readable detail for the apps (e.g. which item is out of stock). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new AppError("BAD_REQUEST", message, details);
export const notFound = (message: string) => new AppError("NOT_FOUND", message);
export const forbidden = (message: string) => new AppError("FORBIDDEN", message);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError("CONFLICT", message, details);
export const preconditionFailed = (message: string, details?: Record<string, unknown>) =>
  new AppError("PRECONDITION_FAILED", message, details);
/** The service cannot answer right now (e.g. a busy database); `details.retryAfterMs` becomes Retry-After. */
export const serviceUnavailable = (message: string, details?: Record<string, unknown>) =>
  new AppError("SERVICE_UNAVAILABLE", message, details);
