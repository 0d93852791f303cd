// fetch over a keep-alive http.Agent with as many sockets as the open loop needs, so an order is never
// held back waiting for a free connection of the load generator (which would hide latency).
import http from "node:http";

export function agentFetch(maxSockets: number): { fetch: typeof fetch; agent: http.Agent } {
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  const send: typeof fetch = (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const headers = new Headers(init?.headers);
      const body = init?.body === undefined || init.body === null ? undefined : String(init.body);
      if (body !== undefined) headers.set("content-length", String(Buffer.byteLength(body)));
      const req = http.request(
        url,
        { agent, method: init?.method ?? "GET", headers: Object.fromEntries(headers) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const answer = new Headers();
            for (const [k, v] of Object.entries(res.headers))
              if (v !== undefined) answer.set(k, Array.isArray(v) ? v.join(", ") : v);
            resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: answer }));
          });
        },
      );
      req.on("error", reject);
      init?.signal?.addEventListener("abort", () => req.destroy(new Error("aborted")), { once: true });
      req.end(body);
    });
  return { fetch: send, agent };
}

/**
 * A customer's fetch that keeps the load balancer's cookie as a browser does (HAProxy's sticky
 * PIZZA_NODE), so a customer's requests stay on one node — the simulated gateway keeps its intents in
 * the node's memory, and a 3-D Secure confirmation on another node would not find its intent.
 */
export function withCookie(send: typeof fetch): typeof fetch {
  let cookie: string | undefined;
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set("cookie", cookie);
    const res = await send(input, { ...init, headers });
    const set = res.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0];
    return res;
  };
}
