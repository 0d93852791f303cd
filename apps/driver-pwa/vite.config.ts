import { apiProxy, bundleBudget, pushWorker } from "@pizza/ui/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

const THEME = "#b3261e";

// Served by the API under `/driver/` (packages/api/src/server.ts APPS); the service worker's scope is
// that path, so it never sees the API's own routes. In dev, Vite proxies the API's paths.
export default defineConfig({
  base: "/driver/",
  plugins: [
    react(),
    pushWorker(),
    VitePWA({
      strategies: "generateSW",
      registerType: "prompt",
      injectRegister: false,
      includeAssets: ["favicon.svg", "icons/apple-touch-icon-180.png"],
      manifest: {
        id: "/driver/",
        name: "Pronto Pizza Driver",
        short_name: "Driver",
        description: "Clock in, take delivery offers and navigate to your customers.",
        lang: "en",
        start_url: "/driver/",
        scope: "/driver/",
        display: "standalone",
        orientation: "portrait",
        background_color: "#fdf8f1",
        theme_color: THEME,
        categories: ["business", "food", "navigation"],
        icons: [
          { src: "icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "icons/maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
          { src: "icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        // The app shell is precached so the app opens without a network; API calls always go to the network.
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        navigateFallback: "index.html",
        navigateFallbackDenylist: [/^\/(trpc|socket\.io|healthz|readyz|metrics)/],
        cleanupOutdatedCaches: true,
        // Web Push: the push and notificationclick handlers (pushWorker(), @pizza/ui/src/push-sw.js).
        importScripts: ["push-sw.js"],
      },
    }),
    bundleBudget({ budgetKb: 250 }),
  ],
  server: { port: 5174, strictPort: true, proxy: apiProxy() },
  preview: { port: 5174, proxy: apiProxy() },
  build: { sourcemap: true, target: "es2022" },
});
