// Moving one hash slot of the local Redis Cluster between primaries by hand, the way `redis-cli --cluster
// reshard` does it: SETSLOT IMPORTING on the target, MIGRATING on the source, MIGRATE the keys, SETSLOT NODE.
import { Redis } from "ioredis";
import { TEST_REDIS_CLUSTER_NODES } from "./test-redis.ts";

export interface ClusterPrimary {
  id: string;
  host: string;
  port: number;
  /** The slot ranges it serves, as [first, last]. */
  slots: [number, number][];
}

const connect = (host: string, port: number) =>
  new Redis({ host, port, lazyConnect: false, maxRetriesPerRequest: 2 });

/** An admin connection to the first seed (not a cluster client: it sends exactly what it is told). */
export function clusterAdmin(): Redis {
  const [host, port] = TEST_REDIS_CLUSTER_NODES.split(",")[0]!.trim().split(":");
  return connect(host!, Number(port));
}

/** The cluster's primaries and their slots, from CLUSTER NODES (`replicas`: the replicas too, no slots). */
export async function primaries(
  admin: Redis,
  options: { replicas?: boolean } = {},
): Promise<ClusterPrimary[]> {
  const text = (await admin.cluster("NODES")) as string;
  return text
    .trim()
    .split("\n")
    .map((line) => line.split(" "))
    .filter((f) => (options.replicas || f[2]!.split(",").includes("master")) && !f[2]!.includes("fail"))
    .map((f) => {
      const [host, port] = f[1]!.split("@")[0]!.split(":");
      const slots = f
        .slice(8)
        .filter((s) => !s.startsWith("["))
        .map((s) => s.split("-").map(Number))
        .map(([a, b]) => [a!, b ?? a!] as [number, number]);
      return { id: f[0]!, host: host!, port: Number(port), slots };
    });
}

export async function ownerOf(admin: Redis, slot: number): Promise<ClusterPrimary> {
  const owner = (await primaries(admin)).find((p) => p.slots.some(([a, b]) => slot >= a && slot <= b));
  if (!owner) throw new Error(`no primary of the test cluster serves slot ${slot}`);
  return owner;
}

/**
 * Moves `slot` to `target`, one key at a time; `betweenKeys` runs after each key has moved (the slot is
 * then split between the two primaries: clients get ASK for moved keys, TRYAGAIN for multi-key commands).
 * Returns how many keys moved.
 */
export async function moveSlot(
  admin: Redis,
  slot: number,
  target: ClusterPrimary,
  betweenKeys: () => Promise<void> = async () => {},
): Promise<number> {
  const source = await ownerOf(admin, slot);
  if (source.id === target.id) return 0;
  const from = connect(source.host, source.port);
  const to = connect(target.host, target.port);
  let moved = 0;
  try {
    await to.cluster("SETSLOT", slot, "IMPORTING", source.id);
    await from.cluster("SETSLOT", slot, "MIGRATING", target.id);
    for (;;) {
      const keys = (await from.cluster("GETKEYSINSLOT", slot, 1)) as string[];
      if (keys.length === 0) break;
      await from.migrate(target.host, target.port, "", 0, 5_000, "KEYS", ...keys);
      moved += keys.length;
      await betweenKeys();
    }
    // The target first, so the slot is never owned by nobody; then the source and every other primary.
    await to.cluster("SETSLOT", slot, "NODE", target.id);
    await from.cluster("SETSLOT", slot, "NODE", target.id);
    for (const p of await primaries(admin)) {
      if (p.id === source.id || p.id === target.id) continue;
      const other = connect(p.host, p.port);
      await other.cluster("SETSLOT", slot, "NODE", target.id).finally(() => other.disconnect());
    }
  } finally {
    from.disconnect();
    to.disconnect();
  }
  return moved;
}

/**
 * Who listens on `channel`: sharded subscribers (SSUBSCRIBE) on the primary of its slot, and plain
 * subscribers (SUBSCRIBE) summed over every node, replicas included.
 */
export async function channelSubscribers(
  admin: Redis,
  channel: string,
): Promise<{ sharded: number; plain: number }> {
  const slot = (await admin.cluster("KEYSLOT", channel)) as number;
  const count = async (p: ClusterPrimary, sub: "SHARDNUMSUB" | "NUMSUB") => {
    const node = connect(p.host, p.port);
    try {
      return Number(((await node.call("PUBSUB", sub, channel)) as [string, number])[1]);
    } finally {
      node.disconnect();
    }
  };
  const plain = await Promise.all(
    (await primaries(admin, { replicas: true })).map((p) => count(p, "NUMSUB")),
  );
  return {
    sharded: await count(await ownerOf(admin, slot), "SHARDNUMSUB"),
    plain: plain.reduce((a, b) => a + b, 0),
  };
}
