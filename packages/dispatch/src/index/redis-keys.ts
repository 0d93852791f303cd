// Key names of one dispatch zone (the engine's "region") in Redis. Every key carries the zone as its hash
// tag, so a zone's state, its lease and its fencing counter live on one Redis Cluster shard and every
// script that checks a fence stays single-shard.

export function zoneKeys(prefix: string, zone: string) {
  const base = `${prefix}{${zone}}:`;
  return {
    pos: `${base}pos`,
    drv: `${base}drv`,
    avail: `${base}avail`,
    offers: `${base}offers`,
    req: `${base}req`,
    pending: `${base}pending`,
    /** The zone lease: "owner;token" with a TTL (lease/zone-leases.ts). */
    lease: `${base}lease`,
    /** The zone's fencing counter: INCR on every new lease, so tokens only grow. */
    fence: `${base}fence`,
  };
}
