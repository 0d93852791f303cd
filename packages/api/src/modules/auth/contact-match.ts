// "Find my order" asks whether an email or phone is one its customer gave (the account's own or, for a
// guest, the contact left at checkout). Auth owns `users`, so the comparison is made here.
import type { Database, Kysely } from "@pizza/db";

/**
 * Lower-cased email, or a phone's digits (with or without the country code: "+1 212 555 0100" and
 * "(212) 555-0100" both find +12125550100); null when it is neither.
 */
export function normalContact(raw: string): { email: string } | { phone: string } | null {
  const s = raw.trim();
  if (s.includes("@")) return { email: s.toLowerCase() };
  if (!/^\+?[0-9\s().-]+$/.test(s)) return null;
  const digits = s.replace(/\D/g, "");
  return digits.length >= 7 && digits.length <= 15 ? { phone: digits } : null;
}

/** Is `stored` (E.164) this phone: the same digits, or the same number typed without its country code? */
function samePhone(stored: string | null, digits: string): boolean {
  if (!stored) return false;
  const all = stored.replace(/\D/g, "");
  return all === digits || (all.endsWith(digits) && all.length - digits.length <= 3);
}

/** Did this customer give this email or phone (account identity or guest contact)? */
export async function customerHasContact(
  db: Kysely<Database>,
  userId: string,
  contact: { email: string } | { phone: string },
): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select(["email", "contact_email", "phone", "contact_phone"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!row) return false;
  if ("email" in contact) return row.email === contact.email || row.contact_email === contact.email;
  return samePhone(row.phone, contact.phone) || samePhone(row.contact_phone, contact.phone);
}
