// The HTTP security settings of env.ts (infra/http-security.ts, server.ts): whose X-Forwarded-For is
// believed, the operations token, the CORS allow-list and the CSP's extra connect-src origins. Read and
// validated with the rest of the configuration by loadConfig.
import { isIP } from "node:net";
import { z } from "zod";

export type TrustProxy = false | number | string[];

/** TRUST_PROXY: off | a hop count | addresses and CIDR ranges; null when it is none of these. */
export function parseTrustProxy(raw: string | undefined): TrustProxy | null {
  const v = raw?.trim().toLowerCase();
  if (!v || v === "off" || v === "false" || v === "0") return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops >= 1 && hops <= 10 ? hops : null;
  }
  const list = v.split(",").map((s) => s.trim());
  const valid = list.every((entry) => {
    const [address, prefix, ...rest] = entry.split("/");
    if (rest.length > 0 || !address) return false;
    const family = isIP(address);
    if (family === 0) return false;
    if (prefix === undefined) return true;
    const bits = Number(prefix);
    return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
  });
  return valid ? list : null;
}

/** A comma-separated list of origins (https://app.example:8443), without paths or wildcards. */
const origins = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const list = (v ?? "")
      .split(",")
      .map((s) => s.trim().replace(/\/$/, ""))
      .filter(Boolean);
    const bad = list.find((o) => {
      try {
        const url = new URL(o);
        return !/^https?:$/.test(url.protocol) || url.origin !== o;
      } catch {
        return true;
      }
    });
    if (bad !== undefined)
      ctx.addIssue({
        code: "custom",
        message: `must be a comma-separated list of origins such as https://app.example (not ${bad})`,
      });
    return list;
  });

export const httpEnv = {
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (parsed === null)
        ctx.addIssue({
          code: "custom",
          message: "must be off, a hop count (1-10) or a comma-separated list of IP addresses/CIDR ranges",
        });
      return parsed ?? false;
    }),
  /** Opens /metrics and /readyz's details to `Authorization: Bearer <token>`; unset, /metrics is closed. */
  METRICS_TOKEN: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(24, "must be at least 24 characters").optional(),
  ),
  /** Origins (scheme://host[:port]) whose pages may call the API from the browser; unset: same origin only. */
  CORS_ORIGINS: origins,
  /** Extra origins the apps may connect to (the CSP's connect-src), e.g. a map tile server. */
  CSP_CONNECT_SRC: origins,
};

const httpSchema = z.object(httpEnv);

export interface HttpSettings {
  /** Bearer token for /metrics and /readyz's details; undefined: /metrics refuses everyone. */
  metricsToken: string | undefined;
  corsOrigins: string[];
  cspConnectSrc: string[];
  /** PUBLIC_URL is https: HSTS on every answer (otherwise only on requests that came over TLS). */
  publicHttps: boolean;
}

/** The HTTP settings of `e`; `connectSrc` adds origins other settings bring (the map style's). */
export function httpSettings(
  e: z.infer<typeof httpSchema> & { PUBLIC_URL?: string | undefined },
  connectSrc: string[],
): HttpSettings {
  return {
    metricsToken: e.METRICS_TOKEN,
    corsOrigins: e.CORS_ORIGINS,
    cspConnectSrc: [...e.CSP_CONNECT_SRC, ...connectSrc],
    publicHttps: e.PUBLIC_URL?.startsWith("https:") ?? false,
  };
}
