// Sign-in with an OpenID Connect provider against a real one (oidc-provider, started here), over HTTP:
// the start route's redirect and cookie, the provider's own login and consent pages, the callback (state,
// nonce and PKCE checked through openid-client), the one-time ticket traded for the platform's tokens, the
// account rules (new account, same subject again, linking only with both emails verified) and the staff
// region rule; and each failure ending on the sign-in page with its sentence.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { backings, createTestPlatform, startTestServer, type TestPlatform } from "../../testing/harness.ts";
import { CookieAgent, startTestOidcProvider, type TestOidcProvider } from "../../testing/oidc-provider.ts";
import { randomIp } from "../../testing/sign-up.ts";
import { OIDC_START_LIMITS } from "./oidc-sign-in.ts";
import { hashPassword } from "./passwords.ts";

const CLIENT = { clientId: "pizza-platform", clientSecret: "a-client-secret-of-the-platform" };
const PASSWORD = "Correct-Horse-42";
const passwordHash = await hashPassword(PASSWORD);
const unique = () => randomBytes(5).toString("hex");

interface Flow {
  /** Changes the authorization request on its way to the provider (a forged nonce, another PKCE challenge). */
  tamper?: (authorizationUrl: URL) => void;
  /** Cancel at the provider's login page instead of signing in. */
  deny?: boolean;
  app?: "customer" | "store";
  provider?: string;
  /** The sign-in page's `?next=`, carried through the provider. */
  next?: string;
}

describe.each(backings)("OpenID Connect sign-in on $name", (backing) => {
  let idp: TestOidcProvider;
  let t: TestPlatform;
  let api: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    idp = await startTestOidcProvider();
    t = await createTestPlatform(backing, {
      seed: true,
      env: {
        TRUST_PROXY: "127.0.0.1",
        OIDC_PROVIDERS: JSON.stringify([
          idp.providerEntry({ id: "acme", label: "Acme ID", ...CLIENT, staffRegions: ["us"] }),
          idp.providerEntry({ id: "other", label: "Other ID", ...CLIENT }),
        ]),
      },
    });
    api = await startTestServer(t.platform);
    idp.registerClient({
      ...CLIENT,
      redirectUris: [`${api.url}/auth/oidc/acme/callback`, `${api.url}/auth/oidc/other/callback`],
    });
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
    await idp?.close();
  });

  /** From "Continue with Acme ID" to the provider's redirect back (not followed): the callback URL. */
  async function toCallback(agent: CookieAgent, subject: string, flow: Flow = {}): Promise<URL> {
    const started = await agent.get(
      `${api.url}/auth/oidc/${flow.provider ?? "acme"}/start?app=${flow.app ?? "customer"}${flow.next ? `&next=${encodeURIComponent(flow.next)}` : ""}`,
    );
    expect(started.status).toBe(302);
    const authorization = new URL(started.headers.get("location")!);
    expect(authorization.origin).toBe(idp.issuer);
    expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
    flow.tamper?.(authorization);
    const isCallback = (u: URL) => u.pathname.endsWith("/callback");
    const login = await agent.follow(authorization.href, isCallback);
    if (flow.deny) return (await agent.follow(`${login.url.href}/abort`, isCallback)).url;
    expect(await login.response!.text()).toContain('name="login"');
    const afterLogin = await agent.post(login.url.href, { prompt: "login", login: subject, password: "x" });
    const consent = await agent.follow(
      new URL(afterLogin.headers.get("location")!, login.url).href,
      isCallback,
    );
    if (isCallback(consent.url)) return consent.url;
    const afterConsent = await agent.post(consent.url.href, { prompt: "consent" });
    return (await agent.follow(new URL(afterConsent.headers.get("location")!, consent.url).href, isCallback))
      .url;
  }

  /** The callback's redirect: the app's sign-in page and the ticket in its fragment. */
  async function callback(agent: CookieAgent, url: URL): Promise<{ page: string; ticket: string }> {
    const answer = await agent.get(url.href);
    expect(answer.status).toBe(302);
    expect(agent.cookies.has("pizza_oidc"), "the flow cookie is removed at the callback").toBe(false);
    const location = answer.headers.get("location")!;
    const [page, fragment] = location.split("#");
    return { page: page!, ticket: new URLSearchParams(fragment).get("oidc")! };
  }

  const complete = (ticket: string) => t.caller(null, randomIp()).auth.completeOidcSignIn({ ticket });

  async function signIn(subject: string, flow: Flow = {}) {
    const agent = new CookieAgent({ "x-forwarded-for": randomIp() });
    const { page, ticket } = await callback(agent, await toCallback(agent, subject, flow));
    return { page, ticket, agent };
  }

  async function anAccount(email: string, verified: boolean, fields: { role?: "staff" } = {}) {
    return t.platform.db
      .insertInto("users")
      .values({
        email,
        email_verified_at: verified ? new Date() : null,
        password_hash: passwordHash,
        name: "Pat Password",
        role: fields.role ?? "customer",
        updated_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  }

  it("creates a customer for a new email and signs the same subject in to it again", async () => {
    const subject = `sub-${unique()}`;
    const email = `new-${unique()}@example.com`;
    idp.accounts.set(subject, { email, email_verified: true, name: "Olive Oidc" });
    const first = await signIn(subject, { next: "/cart" });
    expect(first.page, "back to the sign-in page, which goes on to ?next=").toBe("/signin?next=%2Fcart");
    const session = await complete(first.ticket);
    expect(session.user).toMatchObject({ email, name: "Olive Oidc", role: "customer", emailVerified: true });
    // The platform's own tokens, as after a password sign-in: they open protected procedures and refresh.
    expect((await t.platform.tokens.verify(session.accessToken))?.id).toBe(session.user.id);
    const refreshed = await t.caller(null).auth.refresh({ refreshToken: session.refreshToken });
    expect(refreshed.user.id).toBe(session.user.id);
    // The ticket works once.
    await expectCode(complete(first.ticket), "BAD_REQUEST", /expired or was already completed/);

    // The provider's email changes; the same subject still signs in to the same account.
    idp.accounts.set(subject, { email: `changed-${unique()}@example.com`, email_verified: true });
    const again = await complete((await signIn(subject)).ticket);
    expect(again.user.id).toBe(session.user.id);
    const identities = await t.platform.db
      .selectFrom("user_identities")
      .selectAll()
      .where("user_id", "=", session.user.id)
      .execute();
    expect(identities).toEqual([
      expect.objectContaining({ provider: "acme", subject, email_at_link: email }),
    ]);
  });

  it("links to an existing account only when both sides verified the email", async () => {
    const email = `both-${unique()}@example.com`;
    const account = await anAccount(email, true);
    const subject = `sub-${unique()}`;
    idp.accounts.set(subject, { email: email.toUpperCase(), email_verified: true });
    const session = await complete((await signIn(subject)).ticket);
    expect(session.user.id).toBe(account.id);
    // The password still works too.
    const byPassword = await t.caller(null, randomIp()).auth.login({ email, password: PASSWORD });
    expect(byPassword.user.id).toBe(account.id);
  });

  it("refuses to link when our account's email is not verified, saying what to do", async () => {
    const email = `ours-unverified-${unique()}@example.com`;
    const account = await anAccount(email, false);
    const subject = `sub-${unique()}`;
    idp.accounts.set(subject, { email, email_verified: true });
    const { page, ticket } = await signIn(subject);
    expect(page).toBe("/signin");
    await expectCode(
      complete(ticket),
      "CONFLICT",
      /An account with this email already exists; sign in with your password, then confirm your email address on your account page and continue with Acme ID again to link it\./,
    );
    const linked = await t.platform.db
      .selectFrom("user_identities")
      .select("user_id")
      .where("user_id", "=", account.id)
      .execute();
    expect(linked).toEqual([]);
  });

  it("refuses to link when the provider has not verified the email", async () => {
    const email = `theirs-unverified-${unique()}@example.com`;
    await anAccount(email, true);
    const subject = `sub-${unique()}`;
    idp.accounts.set(subject, { email, email_verified: false });
    await expectCode(
      complete((await signIn(subject)).ticket),
      "CONFLICT",
      /Acme ID has not verified that this email is yours, so we cannot link them/,
    );
  });

  it("says so when consent is denied at the provider", async () => {
    const { page, ticket } = await signIn(`sub-${unique()}`, {
      deny: true,
      app: "store",
      next: "//evil.example",
    });
    expect(page).toBe("/store/");
    await expectCode(complete(ticket), "FORBIDDEN", /You cancelled signing in with Acme ID/);
  });

  it("stops a callback whose state is wrong or missing, or that has no flow cookie", async () => {
    const subject = `sub-${unique()}`;
    idp.accounts.set(subject, { email: `state-${unique()}@example.com`, email_verified: true });
    for (const change of [
      (u: URL) => u.searchParams.set("state", "forged"),
      (u: URL) => u.searchParams.delete("state"),
    ]) {
      const agent = new CookieAgent({ "x-forwarded-for": randomIp() });
      const url = await toCallback(agent, subject);
      change(url);
      await expectCode(complete((await callback(agent, url)).ticket), "BAD_REQUEST", /\(wrong state\)/);
    }
    const agent = new CookieAgent({ "x-forwarded-for": randomIp() });
    const url = await toCallback(agent, subject);
    agent.cookies.delete("pizza_oidc");
    await expectCode(
      complete((await callback(agent, url)).ticket),
      "BAD_REQUEST",
      /took more than 10 minutes, or it was started in another browser/,
    );
  });

  it("refuses an ID token whose nonce is not this sign-in's", async () => {
    const subject = `sub-${unique()}`;
    idp.accounts.set(subject, { email: `nonce-${unique()}@example.com`, email_verified: true });
    const { ticket } = await signIn(subject, { tamper: (u) => u.searchParams.set("nonce", "someone-elses") });
    await expectCode(complete(ticket), "BAD_REQUEST", /\(nonce mismatch\)/);
  });

  it("refuses a code whose PKCE challenge was not made from this sign-in's verifier", async () => {
    const subject = `sub-${unique()}`;
    const email = `pkce-${unique()}@example.com`;
    idp.accounts.set(subject, { email, email_verified: true });
    const forged = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    const { ticket } = await signIn(subject, { tamper: (u) => u.searchParams.set("code_challenge", forged) });
    await expectCode(complete(ticket), "BAD_REQUEST", /Acme ID could not sign you in/);
    const created = await t.platform.db.selectFrom("users").select("id").where("email", "=", email).execute();
    expect(created).toEqual([]);
  });

  it("makes store staff of a region on the provider's staffRegions sign in through it", async () => {
    // staff.nyc-midtown is in region us (Acme ID's staffRegions); staff.ber-mitte is in de.
    await expectCode(
      t
        .caller(null, randomIp())
        .auth.login({ email: "staff.nyc-midtown@pizza.example", password: "PizzaDemo-2026" }),
      "FORBIDDEN",
      /Staff of this region sign in with Acme ID: use “Continue with Acme ID”\./,
    );
    // The US region manager has no store: their region is their own.
    await expectCode(
      t.caller(null, randomIp()).auth.login({ email: "region.us@pizza.example", password: "PizzaDemo-2026" }),
      "FORBIDDEN",
      /Staff of this region sign in with Acme ID/,
    );
    const berlin = await t
      .caller(null, randomIp())
      .auth.login({ email: "staff.ber-mitte@pizza.example", password: "PizzaDemo-2026" });
    expect(berlin.user.role).toBe("staff");

    const subject = `staff-${unique()}`;
    idp.accounts.set(subject, { email: "staff.nyc-midtown@pizza.example", email_verified: true });
    const session = await complete((await signIn(subject, { app: "store" })).ticket);
    expect(session.user).toMatchObject({ email: "staff.nyc-midtown@pizza.example", role: "staff" });

    // Another provider is not the company's: refused with the same sentence.
    const elsewhere = `elsewhere-${unique()}`;
    idp.accounts.set(elsewhere, { email: "manager.nyc-midtown@pizza.example", email_verified: true });
    await expectCode(
      complete((await signIn(elsewhere, { provider: "other", app: "store" })).ticket),
      "FORBIDDEN",
      /Staff of this region sign in with Acme ID/,
    );
  });

  it("lists the providers for the sign-in pages and limits starts per client address", async () => {
    expect(await t.caller(null).auth.identityProviders()).toEqual([
      { id: "acme", label: "Acme ID" },
      { id: "other", label: "Other ID" },
    ]);
    const agent = new CookieAgent({ "x-forwarded-for": randomIp() });
    for (let i = 0; i < OIDC_START_LIMITS.perIp; i++)
      expect((await agent.get(`${api.url}/auth/oidc/acme/start`)).status).toBe(302);
    const refused = await agent.get(`${api.url}/auth/oidc/acme/start`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/Too many sign-ins with Acme ID from this network/);
    expect((await agent.get(`${api.url}/auth/oidc/nobody/start`)).status).toBe(404);
  });
});
