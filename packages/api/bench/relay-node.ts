/**
 * The baseline: a bare Socket.IO relay (no auth, no database, no bus, no throttle, in-memory adapter).
 * A receiver joins a room; an emitter's message is broadcast to that room.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Server } from "socket.io";

const http = createServer();
const io = new Server(http, { serveClient: false });
io.on("connection", (socket) => {
  socket.on("join", (room: string, ack?: () => void) => {
    void socket.join(room);
    ack?.();
  });
  socket.on("pos", (msg: { room: string; at: number; lat: number; lng: number }) => {
    io.to(msg.room).emit("pos", msg);
  });
});
http.listen(0, "127.0.0.1", () => {
  process.send?.({ type: "ready", port: (http.address() as AddressInfo).port });
});
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let cpuMark = process.cpuUsage();
let wallMark = Date.now();

process.on("message", (m: { type: string }) => {
  if (m.type === "mark") {
    loop.reset();
    cpuMark = process.cpuUsage();
    wallMark = Date.now();
    process.send?.({ type: "marked" });
  }
  if (m.type === "stats") {
    const cpu = process.cpuUsage(cpuMark);
    process.send?.({
      type: "stats",
      cpuPct: Math.round(((cpu.user + cpu.system) / 1000 / (Date.now() - wallMark)) * 100),
      loopP99Ms: Math.round(loop.percentile(99) / 1e6),
      loopMaxMs: Math.round(loop.max / 1e6),
    });
  }
  if (m.type === "mem") {
    for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ type: "mem", ...process.memoryUsage() });
  }
  if (m.type === "stop") {
    io.close();
    process.exit(0);
  }
});
