import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { defaultCountry } from "./countries.ts";
import { errorMessage, fieldErrors } from "./errors.ts";

const trpcError = (message: string, data: unknown) =>
  TRPCClientError.from({ error: { message, code: -32600, data } } as never);

describe("error messages shown in the apps", () => {
  it("puts zod field errors and a domain error's field under their inputs", () => {
    const zod = trpcError("email: Enter a valid email address.", {
      code: "BAD_REQUEST",
      httpStatus: 400,
      zodError: { formErrors: [], fieldErrors: { email: ["Enter a valid email address."] } },
      details: null,
    });
    expect(fieldErrors(zod)).toEqual({ email: "Enter a valid email address." });
    const weak = trpcError("This password is too common; choose one that is harder to guess.", {
      code: "BAD_REQUEST",
      httpStatus: 400,
      zodError: null,
      details: { field: "password" },
    });
    expect(fieldErrors(weak)).toEqual({
      password: "This password is too common; choose one that is harder to guess.",
    });
    expect(errorMessage(weak)).toBe("This password is too common; choose one that is harder to guess.");
  });

  it("says the server could not be reached when there is no answer at all", () => {
    const offline = TRPCClientError.from(new TypeError("Failed to fetch"));
    expect(errorMessage(offline)).toMatch(/couldn't reach the server/);
    expect(fieldErrors(offline)).toEqual({});
  });

  it("guesses the phone country from the browser's languages", () => {
    expect(defaultCountry(["de-DE", "en"])).toBe("DE");
    expect(defaultCountry(["ja"])).toBe("US");
    expect(defaultCountry(["fr", "en-GB"])).toBe("GB");
  });
});
