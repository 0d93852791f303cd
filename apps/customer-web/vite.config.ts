import { apiProxy, bundleBudget, pushWorker } from "@pizza/ui/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Served by the API at `/` (packages/api/src/server.ts APPS); in dev, Vite proxies the API's paths.
export default defineConfig({
  base: "/",
  plugins: [react(), pushWorker(), bundleBudget({ budgetKb: 250 })],
  server: { port: 5173, strictPort: true, proxy: apiProxy() },
  preview: { port: 5173, proxy: apiProxy() },
  build: { sourcemap: true, target: "es2022" },
});
