// bench:orders' closed-loop load: workers that each send their next request as soon as the previous
// answers, and the figures of a run (requests a second, p50/p99). Also waiting for a server and stopping one.
import type { ChildProcess } from "node:child_process";

export async function waitFor(url: string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up within ${ms} ms`);
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  });
}

export const pct = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
export const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

export interface RunResult {
  clients: number;
  ok: number;
  errors: number;
  per_s: number;
  p50_ms: number;
  p99_ms: number;
}

export interface Sample {
  latencies: number[];
  errors: number;
  elapsed: number;
}

/** `clients` workers, each sending its next request as soon as the previous answers, for `seconds`. */
export async function loadRaw(
  clients: number,
  seconds: number,
  send: (worker: number) => Promise<boolean>,
): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, w) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          if (await send(w)) latencies.push(performance.now() - t0);
          else errors++;
        } catch (error) {
          errors++;
          firstError ??= String(error);
        }
      }
    }),
  );
  if (firstError) process.stdout.write(`  first error: ${firstError}\n`);
  return { latencies, errors, elapsed: (performance.now() - started) / 1000 };
}

export function summarize(clients: number, samples: Sample[]): RunResult {
  const latencies = samples.flatMap((x) => x.latencies).sort((a, b) => a - b);
  const elapsed = samples.reduce((t, x) => t + x.elapsed, 0);
  return {
    clients,
    ok: latencies.length,
    errors: samples.reduce((t, x) => t + x.errors, 0),
    per_s: round(latencies.length / elapsed, 1),
    p50_ms: round(pct(latencies, 50)),
    p99_ms: round(pct(latencies, 99)),
  };
}

export const load = async (clients: number, seconds: number, send: (worker: number) => Promise<boolean>) =>
  summarize(clients, [await loadRaw(clients, seconds, send)]);
