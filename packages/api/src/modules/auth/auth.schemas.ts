import { z } from "zod";
import { ZLocaleTag, ZPersonName } from "../../infra/text-input.ts";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email address is too long.")
  .pipe(z.email({ message: "Enter a valid email address." }));

/** Any way people type a phone number; normalized to E.164 by the service (with `country` as a hint). */
export const ZPhone = z
  .string()
  .trim()
  .min(5, "Enter a valid phone number.")
  .max(32, "Phone number is too long.");

const ZCountry = z
  .string()
  .regex(/^[A-Z]{2}$/, "Country must be a two-letter code like US, DE or JP.")
  .optional();

export const ZRegisterRequest = z
  .object({
    email: ZEmail.optional(),
    phone: ZPhone.optional(),
    country: ZCountry,
    password: z.string().max(128, "Password must be at most 128 characters long."),
    name: ZPersonName,
    locale: ZLocaleTag.optional(),
  })
  .refine((v) => v.email !== undefined || v.phone !== undefined, {
    message: "Give an email address or a phone number.",
    path: ["email"],
  })
  .refine((v) => v.email === undefined || v.phone === undefined, {
    message: "Sign up with an email address or a phone number, not both.",
    path: ["phone"],
  });
export type TRegisterRequest = z.infer<typeof ZRegisterRequest>;

/** The sign-up's email or phone (one of them), as typed at `auth.register`. */
const ZSignUpContact = z.object({ email: ZEmail.optional(), phone: ZPhone.optional(), country: ZCountry });
const oneContact = <T extends { email?: string; phone?: string }>(v: T) =>
  (v.email === undefined) !== (v.phone === undefined);
const ONE_CONTACT = {
  message: "Give the email address or the phone number you signed up with.",
  path: ["email"],
};

export const ZConfirmSignUp = ZSignUpContact.extend({
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, "The code has six digits."),
}).refine(oneContact, ONE_CONTACT);
export type TConfirmSignUp = z.infer<typeof ZConfirmSignUp>;

export const ZResendSignUpCode = ZSignUpContact.refine(oneContact, ONE_CONTACT);
export type TResendSignUpCode = z.infer<typeof ZResendSignUpCode>;

/** What `auth.register` (and a resend) answers, the same whether or not the contact has an account. */
export const ZSignUpAnswer = z.object({
  status: z.literal("code_sent"),
  channel: z.enum(["email", "phone"]),
  /** Masked: j•••@example.com, +1 ••• ••• ••87. */
  sentTo: z.string(),
  expiresInSeconds: z.number(),
});
export type TSignUpAnswer = z.infer<typeof ZSignUpAnswer>;

/** "Forgot password", step one: the email or phone of the account. */
export const ZRequestPasswordReset = ZSignUpContact.refine(oneContact, {
  message: "Give the email address or the phone number of your account.",
  path: ["email"],
});
export type TRequestPasswordReset = z.infer<typeof ZRequestPasswordReset>;

/** What a reset request answers: the same whether or not an account has that contact. */
export const ZPasswordResetAnswer = ZSignUpAnswer.extend({ status: z.literal("sent") });
export type TPasswordResetAnswer = z.infer<typeof ZPasswordResetAnswer>;

const ZNewPassword = z.string().max(128, "Password must be at most 128 characters long.");
const ZLinkToken = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{43}$/, "This link is not complete; open it again from the message.");

/** "Forgot password", step two: the link's token, or the contact and the six-digit code; the new password. */
export const ZResetPassword = ZSignUpContact.extend({
  token: ZLinkToken.optional(),
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, "The code has six digits.")
    .optional(),
  password: ZNewPassword,
}).refine((v) => v.token !== undefined || (oneContact(v) && v.code !== undefined), {
  message: "Give the code we sent you.",
  path: ["code"],
});
export type TResetPassword = z.infer<typeof ZResetPassword>;

/** A guest's "create your account" link: its token and the password of the new full account. */
export const ZClaimGuestAccount = z.object({ token: ZLinkToken, password: ZNewPassword });
export type TClaimGuestAccount = z.infer<typeof ZClaimGuestAccount>;

/** Guest checkout: no password; a name and where to send receipts (not a sign-in identity). */
export const ZGuestRequest = z
  .object({
    name: ZPersonName,
    email: ZEmail.optional(),
    phone: ZPhone.optional(),
    country: ZCountry,
    locale: ZLocaleTag.optional(),
  })
  .refine((v) => v.email !== undefined || v.phone !== undefined, {
    message: "Give an email address or a phone number for your receipt.",
    path: ["email"],
  });
export type TGuestRequest = z.infer<typeof ZGuestRequest>;

export const ZLoginRequest = z
  .object({
    email: ZEmail.optional(),
    phone: ZPhone.optional(),
    country: ZCountry,
    password: z.string().min(1, "Enter your password.").max(128, "Password is too long."),
  })
  .refine((v) => v.email !== undefined || v.phone !== undefined, {
    message: "Give the email address or phone number of your account.",
    path: ["email"],
  });
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZRefreshRequest = z.object({ refreshToken: z.string().min(20).max(200) });
export const ZLogoutRequest = z.object({ refreshToken: z.string().min(20).max(200).optional() });

export const ZVerificationChannel = z.enum(["email", "phone"]);
export const ZRequestVerification = z.object({ channel: ZVerificationChannel });
export const ZVerifyRequest = z.object({
  channel: ZVerificationChannel,
  code: z.string().regex(/^[0-9]{6}$/, "The code has six digits."),
});

export const ZPublicUser = z.object({
  id: z.uuid(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  name: z.string(),
  role: z.enum(["customer", "driver", "staff", "admin"]),
  storeId: z.string().nullable(),
  emailVerified: z.boolean(),
  phoneVerified: z.boolean(),
  /** A guest checkout account (no password; it cannot sign in again once signed out). */
  guest: z.boolean().optional(),
});
export type TPublicUser = z.infer<typeof ZPublicUser>;

export const ZAuthResponse = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number(),
  user: ZPublicUser,
});
export type TAuthResponse = z.infer<typeof ZAuthResponse>;

/** The OpenID Connect providers the sign-in pages offer ("Continue with <label>"). */
export const ZIdentityProviders = z.array(z.object({ id: z.string(), label: z.string() }));
/** The one-time ticket the OpenID callback put in the app's URL fragment (#oidc=…). */
export const ZCompleteOidcSignIn = z.object({
  ticket: z
    .string()
    .regex(/^[\w-]{20,100}$/, "This sign-in link is not valid; start again from the sign-in page."),
});
