import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { freePort, scratchDatabase, spawnTsx } from "./testing/child-process.ts";

const main = fileURLToPath(new URL("./main.ts", import.meta.url));

function run(env: Record<string, string>) {
  const p = spawnTsx(main, { LOG_LEVEL: "info", SERVE_APPS: "false", PGLITE_DIR: "memory://", ...env });
  // The process says when it serves ("API listening on …"); it exiting first is a failure with its output.
  const listening = new Promise<void>((resolve, reject) => {
    p.child.stdout.on("data", () => {
      if (p.output().stdout.includes("API listening on")) resolve();
    });
    void p.exited.then((code) =>
      reject(
        new Error(`the API exited (${code}) before listening:\n${p.output().stdout}\n${p.output().stderr}`),
      ),
    );
  });
  listening.catch(() => undefined);
  return { ...p, listening };
}

describe("the API process", () => {
  it("stops with one line naming a bad variable", async () => {
    const p = run({ PORT: "eighty" });
    expect(await p.exited).toBe(1);
    const lines = p.output().stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: PORT/);
  });

  it("refuses to start in production without Stripe keys, saying how to choose the simulation", async () => {
    const p = run({
      NODE_ENV: "production",
      NOTIFIER: "log",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/unused",
      JWT_SECRET: "x".repeat(32),
    });
    expect(await p.exited).toBe(1);
    const lines = p.output().stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: STRIPE_SECRET_KEY .* PAYMENTS=simulated/);
  });

  it("runs production on the simulation only when PAYMENTS=simulated says so: a loud warning, /readyz names it", async () => {
    const db = await scratchDatabase("t_main");
    const port = await freePort();
    const p = run({
      NODE_ENV: "production",
      NOTIFIER: "log",
      PORT: String(port),
      DATABASE_URL: db.url,
      JWT_SECRET: "x".repeat(32),
      PAYMENTS: "simulated",
      METRICS_TOKEN: "m".repeat(32),
    });
    try {
      await p.listening;
      const res = await fetch(`http://127.0.0.1:${port}/readyz`, {
        headers: { authorization: `Bearer ${"m".repeat(32)}` },
      });
      expect(res.status).toBe(200);
      const ready = (await res.json()) as { paymentGateway?: string };
      expect(ready.paymentGateway).toBe("simulated");
      const warning = p
        .output()
        .stdout.split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { level: number; msg: string })
        .find((l) => /PAYMENTS=simulated in production/.test(l.msg));
      expect(warning?.level).toBe(40);
      expect(warning?.msg).toMatch(/no money is taken/);
    } finally {
      p.child.kill("SIGTERM");
      await p.exited;
      await db.drop();
    }
  }, 60_000);

  it("starts on embedded defaults, answers /healthz, and shuts down gracefully on SIGTERM", async () => {
    const port = await freePort();
    const p = run({ PORT: String(port) });
    await p.listening;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).ok).toBe(true);
    const ready = await (await fetch(`http://127.0.0.1:${port}/readyz`)).json();
    expect(ready).toEqual({ ready: true });
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(0);
    const { stdout } = p.output();
    expect(stdout).toContain("shutdown complete");
    // Every log line is JSON.
    for (const line of stdout.split("\n").filter((l) => l.startsWith("{")))
      expect(() => JSON.parse(line)).not.toThrow();
  }, 60_000);
});
