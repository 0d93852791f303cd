/**
 * Runs N API nodes behind one load balancer on this machine:
 *
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… npm run cluster -- --nodes 3 [--port 3000]
 *   DATABASE_URL=postgres://… REDIS_CLUSTER_NODES=127.0.0.1:7000,… npm run cluster -- --nodes 3
 *
 * Every node gets its own port (base-port + i) and the same DATABASE_URL, REDIS_URL (or
 * REDIS_CLUSTER_NODES, a Redis Cluster: `bash .ci/redis-cluster.sh` starts one) and JWT_SECRET
 * (a random one for this run when unset), so a token from one node is valid on all of them. The load
 * balancer is HAProxy from Debian's package (`apt-get install haproxy`) with a sticky cookie (Socket.IO's
 * long-polling needs every request of a session on the node that opened it; WebSocket is one connection
 * anyway) and health checks on /readyz, so a dead node leaves the rotation within ~2 s and its clients
 * reconnect to the others. Without haproxy, a small TCP round-robin proxy stands in (clients should then
 * use the WebSocket transport only). Ctrl-C stops everything.
 *
 * `--dispatchers N` also starts N stand-alone dispatchers (`npm run dispatcher`, health on ports
 * 3201…, `--dispatcher-base-port`) sharing the dispatch zones by lease, and runs the API nodes with
 * DISPATCH=off (the default when N > 0): only the dispatchers decide; `kill -9` one to watch its zones
 * move to the others within the lease TTL (DISPATCH_LEASE_TTL_MS, 4 s).
 *
 * `--tls` terminates TLS at HAProxy with a self-signed certificate for localhost generated for this run
 * (openssl); the nodes learn the scheme from X-Forwarded-Proto (they trust loopback) and send HSTS.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { haproxyAvailable, haproxyConfig, spawnApiNode, spawnDispatcher, waitReady } from "./processes.ts";

const { values } = parseArgs({
  options: {
    nodes: { type: "string", default: "3" },
    port: { type: "string", default: process.env.PORT ?? "3000" },
    "base-port": { type: "string", default: "3101" },
    lb: { type: "string", default: "auto" }, // auto | haproxy | node
    tls: { type: "boolean", default: false },
    dispatchers: { type: "string", default: "0" },
    "dispatcher-base-port": { type: "string", default: "3201" },
  },
  allowPositionals: true,
});

const nodes = Number(values.nodes);
const port = Number(values.port);
const basePort = Number(values["base-port"]);
const dispatchers = Number(values.dispatchers);
const dispatcherBasePort = Number(values["dispatcher-base-port"]);
if (!Number.isInteger(nodes) || nodes < 1 || nodes > 32) fail("--nodes must be an integer from 1 to 32");
if (!Number.isInteger(dispatchers) || dispatchers < 0 || dispatchers > 16)
  fail("--dispatchers must be an integer from 0 to 16");
if (!process.env.DATABASE_URL)
  fail("DATABASE_URL is required: the nodes share one PostgreSQL (PGlite is single-process)");
if (!process.env.REDIS_URL && !process.env.REDIS_CLUSTER_NODES)
  fail(
    "REDIS_URL (or REDIS_CLUSTER_NODES) is required: the nodes share events and Socket.IO rooms through Redis",
  );
const tls = values.tls === true;
if (tls && (values.lb === "node" || !haproxyAvailable()))
  fail("--tls needs HAProxy (apt-get install haproxy): the built-in proxy does not terminate TLS");
const scheme = tls ? "https" : "http";
const workDir = mkdtempSync(join(tmpdir(), "pizza-cluster-"));

const env = {
  ...process.env,
  JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString("hex"),
  HOST: "127.0.0.1",
  PUBLIC_URL: process.env.PUBLIC_URL ?? `${scheme}://localhost:${port}`,
  // HAProxy (on loopback) adds X-Forwarded-For; nothing else may set it.
  TRUST_PROXY: process.env.TRUST_PROXY ?? "127.0.0.1,::1",
  // With stand-alone dispatchers only they decide: the API nodes serve drivers and run no engine.
  ...(dispatchers > 0 ? { DISPATCH: process.env.DISPATCH ?? "off" } : {}),
};
if (dispatchers > 0 && env.DISPATCH === "on")
  log("warning: DISPATCH=on with --dispatchers: the API nodes also decide, for every zone, without leases");

const children: ChildProcess[] = [];
let lbServer: Server | undefined;
let stopping = false;

function fail(message: string): never {
  process.stderr.write(`cluster: ${message}\n`);
  process.exit(1);
}

function log(message: string) {
  process.stdout.write(`[cluster] ${message}\n`);
}

/** A self-signed certificate for localhost/127.0.0.1 (HAProxy wants certificate and key in one PEM). */
function selfSignedCertificate(): { pem: string; cert: string } {
  const key = join(workDir, "localhost.key");
  const cert = join(workDir, "localhost.crt");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=localhost"].concat([
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "-keyout",
      key,
      "-out",
      cert,
    ]),
    { stdio: "ignore" },
  );
  const pem = join(workDir, "localhost.pem");
  writeFileSync(pem, readFileSync(cert, "utf8") + readFileSync(key, "utf8"), { mode: 0o600 });
  return { pem, cert };
}
const certificate = tls ? selfSignedCertificate() : undefined;

const waitNode = (url: string) =>
  waitReady(url, certificate && url.startsWith("https:") ? { caFile: certificate.cert } : {});

function startNode(i: number): ChildProcess {
  const nodePort = basePort + i;
  const child = spawnApiNode({ port: nodePort, name: `n${i + 1}`, env });
  child.on("exit", (code, signal) => {
    if (!stopping)
      log(
        `node n${i + 1} (port ${nodePort}, pid ${child.pid}) exited (${signal ?? code}); the others keep serving`,
      );
  });
  return child;
}

function startDispatcher(i: number): ChildProcess {
  const port = dispatcherBasePort + i;
  const child = spawnDispatcher({ port, env });
  child.on("exit", (code, signal) => {
    if (!stopping)
      log(
        `dispatcher d${i + 1} (port ${port}, pid ${child.pid}) exited (${signal ?? code}); the others take its zones`,
      );
  });
  return child;
}

function startHaproxy(): ChildProcess {
  const config = haproxyConfig({
    port,
    scheme,
    backends: Array.from({ length: nodes }, (_, i) => ({ name: `n${i + 1}`, port: basePort + i })),
    ...(certificate ? { pem: certificate.pem } : {}),
  });
  const file = join(workDir, "haproxy.cfg");
  writeFileSync(file, config);
  log(`haproxy config: ${file}`);
  const lb = spawn("haproxy", ["-db", "-f", file], { stdio: ["ignore", "inherit", "inherit"] });
  lb.on("exit", (code) => {
    if (!stopping) {
      log(`haproxy exited (${code}); stopping the cluster`);
      shutdown();
    }
  });
  return lb;
}

/** Fallback: round-robin over live nodes per TCP connection (WebSocket-only clients; no stickiness for polling). */
function startNodeProxy(): Server {
  let next = 0;
  const server = createServer((client: Socket) => {
    const tryNode = (attempt: number) => {
      if (attempt >= nodes) return client.destroy();
      const target = basePort + (next++ % nodes);
      const upstream = tcpConnect(target, "127.0.0.1");
      upstream.once("connect", () => {
        client.pipe(upstream).pipe(client);
      });
      upstream.once("error", () => {
        upstream.destroy();
        if (!client.destroyed && upstream.bytesRead === 0) tryNode(attempt + 1);
        else client.destroy();
      });
      client.once("error", () => upstream.destroy());
      client.once("close", () => upstream.destroy());
    };
    tryNode(0);
  });
  server.listen(port, "127.0.0.1");
  return server;
}

function shutdown() {
  if (stopping) return;
  stopping = true;
  log("stopping");
  lbServer?.close();
  for (const c of children) c.kill("SIGTERM");
  setTimeout(() => process.exit(0), 5_000).unref();
  Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))),
  ).then(() => process.exit(0));
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

async function main() {
  log(`starting ${nodes} node(s) on ports ${basePort}–${basePort + nodes - 1}`);
  // The first node migrates (Kysely's migrator takes a lock, but one at a time is quicker to read in the log).
  const first = startNode(0);
  children.push(first);
  await waitNode(`http://127.0.0.1:${basePort}`);
  for (let i = 1; i < nodes; i++) children.push(startNode(i));
  const started = dispatcherPids(Array.from({ length: dispatchers }, (_, i) => startDispatcher(i)));
  await Promise.all([
    ...Array.from({ length: nodes - 1 }, (_, i) => waitNode(`http://127.0.0.1:${basePort + i + 1}`)),
    ...Array.from({ length: dispatchers }, (_, i) => waitNode(`http://127.0.0.1:${dispatcherBasePort + i}`)),
  ]);

  const useHaproxy = values.lb === "haproxy" || (values.lb === "auto" && haproxyAvailable());
  if (useHaproxy) children.push(startHaproxy());
  else {
    if (values.lb === "auto")
      log("haproxy not found (apt-get install haproxy); using the built-in TCP round-robin proxy");
    lbServer = startNodeProxy();
  }
  await waitNode(`${scheme}://${tls ? "localhost" : "127.0.0.1"}:${port}`);
  log(
    `load balancer (${useHaproxy ? "haproxy" : "node proxy"}) on ${scheme}://localhost:${port} → ${nodes} node(s)`,
  );
  if (certificate)
    log(`self-signed certificate for localhost: ${certificate.cert} (trust it, or accept the warning)`);
  log(
    `node pids: ${children
      .slice(0, nodes)
      .map((c, i) => `n${i + 1}=${c.pid}`)
      .join(" ")} (kill -9 one to watch failover)`,
  );
  if (dispatchers > 0)
    log(
      `dispatcher pids: ${started} (health on ports ${dispatcherBasePort}–${dispatcherBasePort + dispatchers - 1}; API nodes run DISPATCH=${env.DISPATCH})`,
    );
}

/** Keeps the dispatchers with the other children (stopped with them) and names their pids. */
function dispatcherPids(started: ChildProcess[]): string {
  children.push(...started);
  return started.map((c, i) => `d${i + 1}=${c.pid}`).join(" ");
}

main().catch((error: unknown) => {
  process.stderr.write(`cluster: ${error instanceof Error ? error.message : String(error)}\n`);
  shutdown();
});
