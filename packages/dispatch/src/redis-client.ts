// One Redis server or a Redis Cluster behind the same calls (issue 18). The driver index only sends
// single-slot scripts (`{region}` hash tags), so it runs on either as is; these helpers cover what a
// cluster does differently: SCAN runs per primary, and a multi-key DEL may not span hash slots.
import { Cluster, type Redis } from "ioredis";

/** A client of one Redis server or of a Redis Cluster (ioredis's `Cluster`). */
export type RedisClient = Redis | Cluster;

export const isCluster = (client: RedisClient): client is Cluster => client instanceof Cluster;

/** The client's own key prefix (prepended to every key it sends; SCAN answers keys with it). */
export const keyPrefixOf = (client: RedisClient): string => client.options.keyPrefix ?? "";

/**
 * Every key matching `match` (a SCAN pattern on full key names, client prefix included), page by page.
 * On a cluster each primary holds its own part of the key space, so every primary is scanned.
 */
export async function* scanKeys(client: RedisClient, match: string, count = 1000): AsyncGenerator<string[]> {
  // Before the first slot map arrives a cluster knows no primaries: one command waits for it.
  if (isCluster(client) && client.status !== "ready") await client.ping();
  const servers: Redis[] = isCluster(client) ? client.nodes("master") : [client];
  for (const server of servers) {
    let cursor = "0";
    do {
      const [next, keys] = await server.scan(cursor, "MATCH", match, "COUNT", count);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== "0");
  }
}

/**
 * Deletes full key names (as SCAN returned them). One DEL on a single server; on a cluster one UNLINK per
 * key, sent together (keys of different hash slots cannot share a command).
 */
export async function deleteKeys(client: RedisClient, fullKeys: string[]): Promise<void> {
  if (fullKeys.length === 0) return;
  const prefix = keyPrefixOf(client);
  // The client adds its prefix back to every key it sends.
  const keys = fullKeys.map((k) => (k.startsWith(prefix) ? k.slice(prefix.length) : k));
  if (isCluster(client)) await Promise.all(keys.map((k) => client.unlink(k)));
  else await client.del(...keys);
}

/** Deletes every key that starts with `prefix` (after the client's own prefix), on every primary. */
export async function deleteByPrefix(client: RedisClient, prefix: string): Promise<void> {
  for await (const keys of scanKeys(client, `${keyPrefixOf(client)}${prefix}*`))
    await deleteKeys(client, keys);
}

/** `host:port,host:port` (REDIS_CLUSTER_NODES) as seed nodes; throws a sentence naming the bad entry. */
export function parseClusterNodes(text: string): { host: string; port: number }[] {
  const entries = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error("must list at least one host:port");
  return entries.map((entry) => {
    const match = /^(\[[0-9a-fA-F:]+\]|[^\s:[\]]+):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535)
      throw new Error(`must be comma-separated host:port pairs, and "${entry}" is not one`);
    return { host: match[1]!.replace(/^\[|\]$/g, ""), port };
  });
}
