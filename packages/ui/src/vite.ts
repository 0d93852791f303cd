import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

/** Where `npm run dev` of an app finds the API (the API's own default port). */
export const API_ORIGIN = process.env.API_ORIGIN ?? "http://127.0.0.1:3000";

/** The dev server forwards the API's paths, so the app and the API look like one origin as in production. */
export function apiProxy(target = API_ORIGIN) {
  return {
    "/trpc": { target, changeOrigin: true },
    "/socket.io": { target, changeOrigin: true, ws: true },
    "/healthz": { target, changeOrigin: true },
    "/readyz": { target, changeOrigin: true },
    "/help/photos": { target, changeOrigin: true },
    // Menu and promo pictures (public, immutable) and the filesystem blob store's signed upload links.
    "/images/menu": { target, changeOrigin: true },
    "/blobs": { target, changeOrigin: true },
    // OpenID Connect start and callback; the Host is kept, so the redirect URI is the dev server's own.
    "/auth/oidc": { target, changeOrigin: false },
  };
}

interface OutputChunk {
  type: "chunk";
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: string[];
}
interface OutputAsset {
  type: "asset";
  fileName: string;
  source: string | Uint8Array;
}
type Bundle = Record<string, OutputChunk | OutputAsset>;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Prints the gzipped size of the JS and CSS a first visit loads (the entry chunk and everything it
 * statically imports) and fails the build when the JS passes `budgetKb`. Lazy chunks are listed apart.
 */
export function bundleBudget({ budgetKb }: { budgetKb: number }) {
  return {
    name: "pizza:bundle-budget",
    apply: "build" as const,
    generateBundle(this: { error(message: string): never }, _options: unknown, bundle: Bundle) {
      const chunks = Object.values(bundle).filter((f): f is OutputChunk => f.type === "chunk");
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const initial = new Set<string>();
      const visit = (name: string) => {
        if (initial.has(name)) return;
        initial.add(name);
        for (const dep of byName.get(name)?.imports ?? []) visit(dep);
      };
      for (const c of chunks) if (c.isEntry) visit(c.fileName);
      const gz = (s: string | Uint8Array) => gzipSync(s).length;
      const initialJs = [...initial].reduce((sum, name) => sum + gz(byName.get(name)?.code ?? ""), 0);
      const css = Object.values(bundle)
        .filter((f): f is OutputAsset => f.type === "asset" && f.fileName.endsWith(".css"))
        .reduce((sum, f) => sum + gz(f.source), 0);
      const lazy = chunks.filter((c) => !initial.has(c.fileName));
      const lines = [
        `initial JS ${kb(initialJs)} gzipped (budget ${budgetKb} KB, ${initial.size} chunk(s)) · CSS ${kb(css)} gzipped`,
        ...lazy.map((c) => `  lazy ${c.fileName} ${kb(gz(c.code))} gzipped`),
      ];
      process.stdout.write(`\n[bundle-budget] ${lines.join("\n")}\n`);
      if (initialJs > budgetKb * 1024) {
        this.error(`initial JS is ${kb(initialJs)} gzipped, over the ${budgetKb} KB budget`);
      }
    },
  };
}

/**
 * Emits the Web Push handlers (`src/push-sw.js`: push → notification, notificationclick → the page) as
 * `push-sw.js` beside the app's index.html, and serves it in `vite dev`: the driver app's Workbox worker
 * imports it, the customer web registers it as its worker.
 */
export function pushWorker() {
  const source = () => readFileSync(new URL("./push-sw.js", import.meta.url), "utf8");
  let base = "/";
  return {
    name: "pizza:push-worker",
    configResolved(config: { base: string }) {
      base = config.base;
    },
    configureServer(server: {
      middlewares: {
        use(path: string, fn: (req: unknown, res: import("node:http").ServerResponse) => void): void;
      };
    }) {
      server.middlewares.use(`${base}push-sw.js`, (_req, res) => {
        res.setHeader("content-type", "text/javascript; charset=utf-8");
        res.end(source());
      });
    },
    generateBundle(this: { emitFile(file: { type: "asset"; fileName: string; source: string }): string }) {
      this.emitFile({ type: "asset", fileName: "push-sw.js", source: source() });
    },
  };
}
