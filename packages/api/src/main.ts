import { refuseDispatchOffAlone } from "./env-dispatch.ts";
import { createLogger } from "./infra/logger.ts";
import { createPlatform } from "./platform.ts";
import { loadConfigOrExit, shutdownOnSignals } from "./process-lifecycle.ts";
import { APPS, createServer } from "./server.ts";

// The deployable: read configuration once, build the platform, serve, and shut down gracefully.
const config = loadConfigOrExit();
const refusal = refuseDispatchOffAlone(config);
if (refusal) {
  console.error(refusal);
  process.exit(1);
}
const log = createLogger({ level: config.logLevel });
if (config.env === "production" && config.payments === "simulated") {
  log.warn(
    { payments: "simulated" },
    "PAYMENTS=simulated in production: card payments go to the SIMULATED gateway and no money is taken. Never serve real customers like this.",
  );
}
const platform = await createPlatform(config, { log });
const app = await createServer(platform);
await app.listen({ port: config.port, host: config.host });
// The outbox relay and the event consumers (dispatch trigger, live tracking fan-out) run on every node.
await platform.events.start();

const address = app.server.address();
const port = typeof address === "object" && address ? address.port : config.port;
const base = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
log.info({ db: platform.dbKind, redis: config.redis?.kind ?? false }, `API listening on ${base}`);
if (config.serveApps) {
  const lines = [
    "",
    "  Pizza platform is running:",
    `    Customer web    ${base}${APPS[0].prefix}`,
    `    Driver app      ${base}${APPS[1].prefix}`,
    `    Store console   ${base}${APPS[2].prefix}`,
    `    API (tRPC)      ${base}/trpc   health ${base}/healthz`,
    `    Database        ${platform.dbKind}${config.redis ? ` + redis${config.redis.kind === "cluster" ? " cluster" : ""}` : " (embedded)"}`,
    ...(config.simulatedDrivers > 0
      ? [
          `    Drivers         ${config.simulatedDrivers} simulated, on the road around the demo stores (SIM_DRIVERS, SIM_SPEED=${config.simSpeed})`,
        ]
      : []),
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

shutdownOnSignals(log, "no new connections, finishing in-flight requests", async () => {
  await app.close();
  await platform.close();
});
