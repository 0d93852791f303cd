// Multi-host DATABASE_URL (`postgres://u@h1:5432,h2:5432/db?target_session_attrs=read-write`), as libpq
// reads it: the hosts are tried in order and, with `read-write` or `primary`, a host that answers as a
// standby is skipped. node-postgres (pg 8.23, pure JS) parses one host only (brianc/node-postgres#1470,
// multi-host PR #3643 still open), so each new pool connection picks its host here first: a short probe
// connection asks `pg_is_in_recovery()` and `transaction_read_only`, then the real connection is opened
// to the first host that qualifies. After a failover the pool's dead connections are dropped on their
// errors and the next connection finds the promoted standby (docs/failover.md).
import pg from "pg";

export type TargetSessionAttrs = "any" | "read-write" | "primary";

export interface HostPort {
  host: string;
  port: number;
}

export interface MultiHostUrl {
  hosts: HostPort[];
  targetSessionAttrs: TargetSessionAttrs;
  /** The URL with one host, for host i (and without target_session_attrs, which pg does not know). */
  urlFor(host: HostPort): string;
}

const ATTRS: readonly string[] = ["any", "read-write", "primary"];

/** The hosts of a postgres:// URL with a comma-separated host list; undefined for a one-host URL. */
export function parseMultiHostUrl(url: string): MultiHostUrl | undefined {
  const m = /^(postgres(?:ql)?:\/\/)(?:([^@/]*)@)?([^/?]*)(.*)$/.exec(url);
  if (!m || !m[3]!.includes(",")) return undefined;
  const [, scheme, userInfo, hostList, rest] = m;
  const hosts = hostList!.split(",").map((h): HostPort => {
    const hp = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(h.trim());
    if (!hp) throw new Error(`DATABASE_URL: cannot read the host "${h}"`);
    return { host: hp[1]!.replace(/^\[|\]$/g, ""), port: Number(hp[2] ?? 5432) };
  });
  const query = new URLSearchParams(/\?(.*)$/.exec(rest!)?.[1] ?? "");
  const attrs = query.get("target_session_attrs") ?? "any";
  if (!ATTRS.includes(attrs))
    throw new Error(
      `DATABASE_URL: target_session_attrs=${attrs} is not supported (use read-write, primary or any)`,
    );
  query.delete("target_session_attrs");
  const path = rest!.replace(/\?.*$/, "");
  const search = query.toString();
  return {
    hosts,
    targetSessionAttrs: attrs as TargetSessionAttrs,
    urlFor: ({ host, port }) =>
      `${scheme}${userInfo !== undefined ? `${userInfo}@` : ""}${host.includes(":") ? `[${host}]` : host}:${port}${path}${search ? `?${search}` : ""}`,
  };
}

/** Does the server behind `url` accept this session? A host that does not answer counts as no. */
async function qualifies(url: string, attrs: TargetSessionAttrs, timeoutMs: number): Promise<boolean> {
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  probe.on("error", () => {});
  try {
    await probe.connect();
    if (attrs === "any") return true;
    const { rows } = await probe.query<{ standby: boolean; read_only: string }>(
      "select pg_is_in_recovery() as standby, current_setting('transaction_read_only') as read_only",
    );
    const row = rows[0]!;
    return attrs === "primary" ? !row.standby : !row.standby && row.read_only === "off";
  } catch {
    return false;
  } finally {
    await probe.end().catch(() => {});
  }
}

/** The first host that accepts the session, else an error naming every host tried. */
export async function pickHost(target: MultiHostUrl, timeoutMs = 3000): Promise<HostPort> {
  for (const host of target.hosts) {
    if (await qualifies(target.urlFor(host), target.targetSessionAttrs, timeoutMs)) return host;
  }
  const tried = target.hosts.map((h) => `${h.host}:${h.port}`).join(", ");
  throw Object.assign(
    new Error(`no PostgreSQL host accepts a ${target.targetSessionAttrs} session (tried ${tried})`),
    { code: "ECONNREFUSED" },
  );
}

type ConnectCallback = (err: Error | null, client?: pg.Client) => void;

/** A pg Client class (for `pg.Pool`'s `Client` option) that connects to the host `pickHost` chooses. */
export function multiHostClient(target: MultiHostUrl): typeof pg.Client {
  return class MultiHostClient extends pg.Client {
    override connect(): Promise<pg.Client>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<pg.Client> | undefined {
      const chosen = pickHost(target).then((h) => {
        this.host = h.host;
        this.port = h.port;
        const params = (this as unknown as { connectionParameters: HostPort }).connectionParameters;
        params.host = h.host;
        params.port = h.port;
        return super.connect();
      });
      if (!callback) return chosen;
      chosen.then(
        () => callback(null, this),
        (error: Error) => callback(error),
      );
      return undefined;
    }
  } as unknown as typeof pg.Client;
}
