// A real OpenID Connect provider for the tests (the `oidc-provider` package, with its development login and
// consent pages): discovery, authorization with PKCE required, the token endpoint, ID tokens signed with its
// own keys, userinfo. Accounts are the test's own: the login typed at the provider's sign-in page is the
// subject, and `accounts` says what the provider claims about it (email, email_verified, name).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestOidcAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  /** What the provider says about a subject (the login typed at its sign-in page); unknown: no email. */
  accounts: Map<string, TestOidcAccount>;
  /** Registers the platform as a client (its redirect URIs are only known once its server listens). */
  registerClient(client: { clientId: string; clientSecret: string; redirectUris: string[] }): void;
  /** The OIDC_PROVIDERS entry for this provider and client. */
  providerEntry(entry: {
    id: string;
    label: string;
    clientId: string;
    clientSecret: string;
    staffRegions?: string[];
  }): object;
  close(): Promise<void>;
}

export async function startTestOidcProvider(): Promise<TestOidcProvider> {
  const accounts = new Map<string, TestOidcAccount>();
  let callback:
    | ((req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void)
    | undefined;
  const server: Server = createServer((req, res) => {
    if (callback) return callback(req, res);
    res.writeHead(503).end("no client registered yet");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    accounts,
    registerClient({ clientId, clientSecret, redirectUris }) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: redirectUris,
            grant_types: ["authorization_code"],
            response_types: ["code"],
          },
        ],
        pkce: { required: () => true },
        claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
        cookies: { keys: ["test-oidc-provider-cookie-key"] },
        findAccount: (_ctx, sub) => ({
          accountId: sub,
          claims: () => ({ sub, ...accounts.get(sub) }),
        }),
      });
      // Its development warnings and 4xx details are the test's business, not the console's.
      provider.on("server_error", (_ctx, error) => console.error("test OpenID provider:", error));
      callback = provider.callback();
    },
    providerEntry: ({ staffRegions, ...entry }) => ({
      ...entry,
      issuer,
      ...(staffRegions ? { staffRegions } : {}),
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A browser without a browser for integration tests: follows redirects by hand with one cookie jar (cookie
 * names do not collide between the API and the provider, so paths and ports are not told apart).
 */
export class CookieAgent {
  readonly cookies = new Map<string, string>();

  /** `headers` go with every request (an X-Forwarded-For, so each test is its own client address). */
  constructor(private readonly headers: Record<string, string> = {}) {}

  async get(url: string): Promise<Response> {
    return this.request(url, { method: "GET" });
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.request(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** Follows redirects from `url` until a page answers or `stop` says the location is where to stop. */
  async follow(
    url: string,
    stop: (location: URL) => boolean = () => false,
  ): Promise<{ url: URL; response?: Response }> {
    let at = new URL(url);
    for (let hops = 0; hops < 20; hops++) {
      if (stop(at)) return { url: at };
      const response = await this.get(at.href);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return { url: at, response };
      at = new URL(location, at);
    }
    throw new Error(`too many redirects from ${url}`);
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: {
        ...this.headers,
        ...(init.headers as Record<string, string>),
        ...(cookie ? { cookie } : {}),
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const gone = attributes.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || /expires=thu, 01 jan 1970/i.test(a),
      );
      if (gone || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}
