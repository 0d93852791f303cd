import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../env.ts";
import { createGeocoder } from "./geo.wiring.ts";

const production = {
  NODE_ENV: "production",
  JWT_SECRET: "x".repeat(40),
  DATABASE_URL: "postgres://db.example/pizza",
  NOTIFIER: "log",
  PAYMENTS: "simulated",
  PGLITE_DIR: "memory://",
};

function capture() {
  const lines: { level: number; msg: string }[] = [];
  const log = pino(
    { level: "info" },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  return { log, lines };
}

describe("choosing the geocoder", () => {
  it("uses Photon when GEOCODER_URL is set and says so without the URL's key", () => {
    const { log, lines } = capture();
    const config = loadConfig({ ...production, GEOCODER_URL: "https://geo.example/photon?key=s3cret" });
    expect(createGeocoder(config, log).kind).toBe("photon");
    expect(lines.map((l) => l.msg)).toEqual(["address search: Photon geocoder at GEOCODER_URL"]);
    expect(JSON.stringify(lines)).not.toContain("s3cret");
  });

  it("in production without GEOCODER_URL: starts on the demo gazetteer with a loud warning", () => {
    const { log, lines } = capture();
    expect(createGeocoder(loadConfig(production), log).kind).toBe("gazetteer");
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe(40);
    expect(lines[0]!.msg).toMatch(/GEOCODER_URL is not set: address search uses the embedded DEMO gazetteer/);
  });

  it("outside production: the gazetteer, said once at info level", () => {
    const { log, lines } = capture();
    expect(createGeocoder(loadConfig({ PGLITE_DIR: "memory://" }), log).kind).toBe("gazetteer");
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [30, "address search: embedded demo gazetteer (set GEOCODER_URL for a Photon server)"],
    ]);
  });

  it("refuses a GEOCODER_URL that is not an http(s) URL, naming the variable", () => {
    expect(() => loadConfig({ PGLITE_DIR: "memory://", GEOCODER_URL: "ftp://geo.example" })).toThrow(
      /GEOCODER_URL must be an http\(s\):\/\/ URL/,
    );
    expect(() => loadConfig({ PGLITE_DIR: "memory://", GEOCODER_URL: "photon" })).toThrow(/GEOCODER_URL/);
  });
});
