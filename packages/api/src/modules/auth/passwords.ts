import { hash, verify } from "@node-rs/argon2";
import { MIN_PASSWORD_SCORE, strengthOf } from "./password-strength.ts";

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

/**
 * Why a password is too weak, in words a person understands; undefined when it is acceptable.
 * Length 10–128 and "not your email"; otherwise a strength estimator with dictionaries decides
 * (score ≥ 3), with no composition rules (ASVS 2.1.9): "purple tractor sings" is fine, "Password12" is not.
 */
export function passwordWeakness(
  password: string,
  context: { email?: string | undefined; name?: string },
): string | undefined {
  if (password.length < 10) return "Password must be at least 10 characters long.";
  if (password.length > 128) return "Password must be at most 128 characters long.";
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) {
    return "Password must not contain your email address.";
  }
  const known = [local, context.email, ...(context.name?.split(/\s+/) ?? [])].filter((w): w is string =>
    Boolean(w && w.length >= 3),
  );
  const { score, warning, suggestions } = strengthOf(password, known);
  if (score >= MIN_PASSWORD_SCORE) return undefined;
  const common = /(heavily|frequently|commonly) used password/.test(warning ?? "");
  // "Too common" already says what the common-password warnings would; the others explain a pattern.
  const said = common
    ? null
    : warning?.startsWith("There should not be any personal")
      ? "It contains your name or a word people expect on a pizza site."
      : warning;
  const why = [said, suggestions[0] ?? "Add another word or two; uncommon words are better."]
    .filter(Boolean)
    .join(" ");
  return `This password is ${common ? "too common" : "too easy to guess"}; choose one that is harder to guess. ${why}`;
}
