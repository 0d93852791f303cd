// Platform processes on this machine, as separate machines would run them: API nodes (packages/api/src/main.ts),
// stand-alone dispatchers (dispatcher-main.ts) and the HAProxy in front of the nodes. `npm run cluster` and the failure drills (`npm run drill`) share these.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { get as httpsGet } from "node:https";
import { join } from "node:path";
import { repoRoot } from "../src/env.ts";

/** Starts one API node on `port` with `env` (the whole environment it gets). */
export function spawnApiNode(opts: {
  port: number;
  name: string;
  env: NodeJS.ProcessEnv;
  stdio?: "inherit" | "ignore";
}): ChildProcess {
  // A larger young generation: half the scavenges at 6,000 sockets (packages/api/src/realtime/README.md).
  // CPU_PROFILE_DIR: each node writes a V8 CPU profile there when it stops (`CPU_PROFILE_DIR=dir npm run bench:peak`).
  const profile = process.env.CPU_PROFILE_DIR;
  const args = [
    "--max-semi-space-size=32",
    ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${join(profile, opts.name)}`] : []),
    "--import",
    "tsx",
    join(repoRoot, "packages/api/src/main.ts"),
  ];
  return spawn(process.execPath, args, {
    env: { ...opts.env, PORT: String(opts.port), NODE_NAME: opts.name },
    stdio: ["ignore", opts.stdio ?? "inherit", opts.stdio ?? "inherit"],
    cwd: repoRoot,
  });
}

/** Starts one stand-alone dispatcher (`npm run dispatcher`) with its health endpoints on `port`. */
export function spawnDispatcher(opts: {
  port: number;
  env: NodeJS.ProcessEnv;
  stdio?: "inherit" | "ignore";
}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", join(repoRoot, "packages/api/src/dispatcher-main.ts")], {
    env: { ...opts.env, DISPATCHER_PORT: String(opts.port) },
    stdio: ["ignore", opts.stdio ?? "inherit", opts.stdio ?? "inherit"],
    cwd: repoRoot,
  });
}

/** GET /readyz over https, trusting only `ca`. */
function httpsOk(url: string, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    httpsGet(url, { ca }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    }).on("error", () => resolve(false));
  });
}

/** Waits until `url`/readyz answers 200 (over https when `caFile` names the certificate to trust). */
export async function waitReady(url: string, opts: { timeoutMs?: number; caFile?: string } = {}) {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  const ca = opts.caFile && url.startsWith("https:") ? readFileSync(opts.caFile, "utf8") : undefined;
  while (Date.now() < deadline) {
    try {
      if (ca ? await httpsOk(`${url}/readyz`, ca) : (await fetch(`${url}/readyz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not become ready`);
}

export function haproxyAvailable(): boolean {
  try {
    execFileSync("haproxy", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * HAProxy in front of the nodes: sticky cookie (Socket.IO's long-polling needs every request of a session
 * on the node that opened it), health checks on /readyz every second (a dead node leaves the rotation
 * within ~2 s), and a failed connection retried on another node.
 */
export function haproxyConfig(opts: {
  port: number;
  backends: { name: string; port: number }[];
  scheme: "http" | "https";
  pem?: string;
}): string {
  const servers = opts.backends
    .map((b) => `  server ${b.name} 127.0.0.1:${b.port} check cookie ${b.name} inter 1s fall 3 rise 1`)
    .join("\n");
  return `global
  # Each connection is two descriptors; keep under the usual 20k open-files limit.
  maxconn 9000

defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  # WebSocket connections stay open for as long as the tracking page does.
  timeout tunnel 1h
  option redispatch
  retries 2
  # The client's address for per-IP limits; the nodes trust it from loopback only (TRUST_PROXY).
  option forwardfor

frontend api
  bind 127.0.0.1:${opts.port}${opts.pem ? ` ssl crt ${opts.pem}` : ""}
  # The nodes trust this header from loopback: it says how the client reached us, never what it claims.
  http-request set-header X-Forwarded-Proto ${opts.scheme}
  default_backend nodes

backend nodes
  balance leastconn
  # Sticky: a Socket.IO long-polling session must keep hitting the node that holds it.
  cookie PIZZA_NODE insert indirect nocache
  option httpchk GET /readyz
  http-check expect status 200
  # A node whose queries queue at a peak answers /readyz late, not never: 3 s before a check counts as
  # failed (the default is inter's 1 s, which took both busy nodes out at once at 1,500 orders a minute
  # and answered every request 503). A dead node refuses the connection and is out after 3 checks.
  timeout check 3s
${servers}
`;
}
