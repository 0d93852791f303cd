import { isTRPCClientError } from "@trpc/client";

interface ErrorData {
  code?: string;
  httpStatus?: number;
  zodError?: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> } | null;
  details?: { field?: string } | null;
}

function dataOf(error: unknown): ErrorData | undefined {
  return isTRPCClientError(error) ? (error.data as ErrorData | undefined) : undefined;
}

/** One sentence a person can act on: the server's own message, or what to do when it was unreachable. */
export function errorMessage(error: unknown): string {
  if (!error) return "";
  if (isTRPCClientError(error)) {
    const data = dataOf(error);
    if (!data) return "We couldn't reach the server. Check your connection and try again.";
    if (data.code === "TOO_MANY_REQUESTS") return error.message || "Too many attempts. Please wait a moment.";
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Messages per form field: zod's field errors, plus the field a domain error names (a weak password,
 * an email that is already registered), so each message can sit under its input.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const data = dataOf(error);
  const out: Record<string, string> = {};
  for (const [field, messages] of Object.entries(data?.zodError?.fieldErrors ?? {})) {
    if (messages?.[0]) out[field] = messages[0];
  }
  const field = data?.details?.field;
  if (field && isTRPCClientError(error) && !out[field]) out[field] = error.message;
  return out;
}
