import { describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import { actsForStore, resolveStaffStore } from "./store-access.ts";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? e.code : "other";
  }
  return "ok";
};

describe("store access", () => {
  it("lets admins act for any store and staff only for their own", () => {
    expect(actsForStore({ role: "admin", storeId: null }, A)).toBe(true);
    expect(actsForStore({ role: "staff", storeId: A }, A)).toBe(true);
    expect(actsForStore({ role: "staff", storeId: A }, B)).toBe(false);
    expect(actsForStore({ role: "staff", storeId: null }, A)).toBe(false);
    expect(actsForStore({ role: "customer", storeId: A }, A)).toBe(false);
    expect(actsForStore({ role: "driver", storeId: A }, A)).toBe(false);
  });

  it("resolves the store of a staff request: own store, another one looks missing, admins must choose", () => {
    expect(resolveStaffStore({ role: "staff", storeId: A }, undefined)).toBe(A);
    expect(resolveStaffStore({ role: "staff", storeId: A }, A)).toBe(A);
    expect(code(() => resolveStaffStore({ role: "staff", storeId: A }, B))).toBe("NOT_FOUND");
    expect(resolveStaffStore({ role: "admin", storeId: null }, B)).toBe(B);
    expect(code(() => resolveStaffStore({ role: "admin", storeId: null }, undefined))).toBe("BAD_REQUEST");
    expect(code(() => resolveStaffStore({ role: "staff", storeId: null }, A))).toBe("FORBIDDEN");
    expect(code(() => resolveStaffStore({ role: "customer", storeId: null }, A))).toBe("FORBIDDEN");
  });
});
