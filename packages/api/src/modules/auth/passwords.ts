import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline (19 MiB, 2 passes): ~30 ms here, slow enough to hurt guessing.
const ARGON2ID = 2; // @node-rs/argon2 Algorithm.Argon2id (a const enum, not importable under verbatimModuleSyntax)
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Compared against when no account matches, so a login takes as long either way (no enumeration by timing). */
export const DUMMY_HASH = await hashPassword("not-a-real-password-0");

const COMMON = new Set([
  "password",
  "password1",
  "password123",
  "passw0rd",
  "qwerty123",
  "qwertyuiop",
  "1234567890",
  "12345678910",
  "iloveyou1",
  "letmein123",
  "welcome123",
  "admin12345",
  "pizza12345",
  "football1",
  "baseball1",
  "sunshine1",
  "princess1",
  "dragon1234",
  "monkey1234",
  "abc1234567",
  "trustno1234",
]);

/** Why a password is too weak, in words a person understands; undefined when it is acceptable. */
export function passwordWeakness(
  password: string,
  context: { email?: string | undefined; name?: string },
): string | undefined {
  if (password.length < 10) return "Password must be at least 10 characters long.";
  if (password.length > 128) return "Password must be at most 128 characters long.";
  if (COMMON.has(password.toLowerCase()))
    return "This password is too common; choose one that is harder to guess.";
  if (/^(.)\1+$/.test(password)) return "Password must not be a single repeated character.";
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (password.length < 16 && classes < 2) {
    return "Password must mix at least two of: lower-case letters, upper-case letters, digits, symbols (or be 16+ characters).";
  }
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) {
    return "Password must not contain your email address.";
  }
  return undefined;
}
