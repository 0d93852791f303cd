import { apiProxy, bundleBudget } from "@pizza/ui/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Served by the API under `/store/` (packages/api/src/server.ts APPS); in dev, Vite proxies the API's paths.
export default defineConfig({
  base: "/store/",
  plugins: [react(), bundleBudget({ budgetKb: 250 })],
  server: { port: 5175, strictPort: true, proxy: apiProxy() },
  preview: { port: 5175, proxy: apiProxy() },
  build: { sourcemap: true, target: "es2022" },
});
