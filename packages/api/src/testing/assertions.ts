import { TRPCError } from "@trpc/server";
import { expect } from "vitest";

/** The TRPCError a call fails with; the test fails if the call succeeds or throws something else. */
export async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected the call to fail").toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/** Asserts the call fails with `code` (and a message matching `message`, when given). */
export async function expectCode(promise: Promise<unknown>, code: TRPCError["code"], message?: RegExp) {
  const error = await failure(promise);
  expect(error.code).toBe(code);
  if (message) expect(error.message).toMatch(message);
}
