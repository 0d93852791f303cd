// `npm run dispatcher`: the dispatch engine alone. It takes the zone leases it can (sharing the zones with
// the other dispatchers), runs the ticks, the repair sweep, the oven-timed starts and the kitchen-event
// consumers, and answers /healthz, /readyz and /metrics on DISPATCHER_PORT. API nodes then run with
// DISPATCH=off. SIGTERM hands its zones back at once (the others take them on their next round).

import { refuseEmbeddedDispatcher } from "./env-dispatch.ts";
import { loadConfigOrExit, shutdownOnSignals } from "./process-lifecycle.ts";

const config = loadConfigOrExit();
const refusal = refuseEmbeddedDispatcher(config);
if (refusal) {
  console.error(refusal);
  process.exit(1);
}
// Loaded once the settings are known to make sense, so a refusal is instant.
const { createLogger } = await import("./infra/logger.ts");
const { createDispatcherPlatform } = await import("./dispatcher-platform.ts");
const { createDispatcherServer } = await import("./dispatcher-server.ts");
const log = createLogger({ level: config.logLevel }).child({ process: "dispatcher" });
const platform = await createDispatcherPlatform(config, { log });
const app = createDispatcherServer(platform);
await app.listen({ port: config.dispatch.dispatcherPort, host: config.host });
await platform.events.start();
const ready = await platform.readiness();
log.info(
  { owner: ready.owner, zones: ready.zonesHeld.length, dispatchers: ready.dispatchersLive },
  `dispatcher running; health on http://${config.host}:${config.dispatch.dispatcherPort}/healthz`,
);

shutdownOnSignals(log, "releasing zone leases, finishing dispatch in flight", async () => {
  await app.close();
  await platform.close();
});
