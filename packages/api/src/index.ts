export { type Config, loadConfig } from "./env.ts";
export { createPlatform, type Platform } from "./platform.ts";
export { type AppRouter, appRouter } from "./root.ts";
export { createServer } from "./server.ts";
