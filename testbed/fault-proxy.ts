// A throttling / erroring HTTPS proxy in front of the test bed's kube-apiserver, for live tests that
// prove shipshape degrades gracefully. Listens on loopback only.
//
// Faults (all off by default, each can be limited to paths matching `pathPattern`):
//   every429 = N    every Nth matching request gets 429 TooManyRequests (+ Retry-After); the count
//                   restarts at each config change, so with N=2 the 2nd, 4th, ... request after it fail
//   every500 = N    every Nth matching request gets 500 InternalError
//   delayMs  = MS   matching requests are held MS milliseconds before being forwarded
//   dropWatchAfterMs = MS   watch streams are cut after MS ms (watchDropMode "reset": socket destroyed
//                   mid-stream; "end": the response is ended cleanly, as an apiserver timeout would)
//   status = CODE   matching requests are answered CODE (401, 403, ...) with a Kubernetes Status body
//   hang            matching requests are never answered (the connection stays open, silent)
//   trickleMs = MS  the upstream response is passed on one byte every MS ms (never idle, never done in time)
//   endlessBody     matching requests get 200 and a JSON body that never ends
//   endlessPagination  matching LIST responses get a fresh metadata.continue token each time; a request carrying
//                   one of those tokens is forwarded without it (the same first page, forever)
//   dropAfterForward   the request reaches the API server, which acts on it; the client's connection is then
//                   destroyed before any answer (a connection lost mid-DELETE)
// Selectors: pathPattern (regex on path + query), methods (e.g. ["DELETE"]), skipMatches = N (the first N
// matching requests pass untouched).
//
// Control endpoint (not forwarded): GET /__fault -> {config, stats}; PUT /__fault with a JSON
// FaultConfig replaces the config; POST /__fault/reset zeroes the counters.
//
// Library:  const p = await startFaultProxy({ upstream, ca, cert, key, config: { every429: 3 } })
//           const fp = await startTestbedFaultProxy({ every500: 2 })  // reads .testbed/, writes a kubeconfig
// CLI:      node testbed/fault-proxy.ts --listen 127.0.0.1:PORT --upstream https://127.0.0.1:APIPORT \
//             --ca ca.crt --cert proxy.crt --key proxy.key [--every-429 N] [--every-500 N] [--delay-ms MS]
//             [--drop-watch-after-ms MS] [--watch-drop-mode reset|end] [--path-pattern REGEX]
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";

export interface FaultConfig {
  every429?: number;
  every500?: number;
  delayMs?: number;
  dropWatchAfterMs?: number;
  watchDropMode?: "reset" | "end";
  retryAfterSeconds?: number;
  /** Regular expression matched against the request path + query; faults apply only to matches. */
  pathPattern?: string;
  /** Faults apply only to these HTTP methods. */
  methods?: string[];
  /** The first N matching requests pass untouched. */
  skipMatches?: number;
  status?: number;
  hang?: boolean;
  trickleMs?: number;
  endlessBody?: boolean;
  endlessPagination?: boolean;
  dropAfterForward?: boolean;
}

export interface FaultStats {
  requests: number;
  matched: number;
  forwarded: number;
  throttled429: number;
  failed500: number;
  delayed: number;
  watchesDropped: number;
  upstreamErrors: number;
  /** Requests answered by one of the new faults (status, hang, trickle, endless body/pagination, drop). */
  injected: number;
}

export interface FaultProxy {
  url: string;
  port: number;
  getConfig(): FaultConfig;
  setConfig(config: FaultConfig): void;
  stats(): FaultStats;
  resetStats(): void;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  upstream: string;
  ca: string | Buffer;
  cert: string | Buffer;
  key: string | Buffer;
  host?: string;
  port?: number;
  config?: FaultConfig;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);
const HOP_BY_HOP = new Set([
  "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer",
  "proxy-authenticate", "proxy-authorization",
]);

function zeroStats(): FaultStats {
  return { requests: 0, matched: 0, forwarded: 0, throttled429: 0, failed500: 0, delayed: 0, watchesDropped: 0, upstreamErrors: 0, injected: 0 };
}

function statusBody(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code });
}

function isWatch(u: URL): boolean {
  const w = u.searchParams.get("watch");
  return w === "true" || w === "1" || u.pathname.includes("/watch/");
}

function validateConfig(c: FaultConfig): FaultConfig {
  const out: FaultConfig = { ...c };
  for (const k of ["every429", "every500", "delayMs", "dropWatchAfterMs", "retryAfterSeconds", "skipMatches", "status", "trickleMs"] as const) {
    const v = out[k];
    if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v) || v < 0)) {
      throw new Error(`fault config ${k} must be a non-negative number, got ${JSON.stringify(v)}`);
    }
  }
  if (out.watchDropMode !== undefined && out.watchDropMode !== "reset" && out.watchDropMode !== "end") {
    throw new Error(`fault config watchDropMode must be "reset" or "end"`);
  }
  if (out.pathPattern !== undefined) new RegExp(out.pathPattern); // throws on a bad pattern
  if (out.methods !== undefined && !(Array.isArray(out.methods) && out.methods.every((m) => typeof m === "string"))) {
    throw new Error("fault config methods must be a list of HTTP methods");
  }
  if (out.status !== undefined && (out.status < 100 || out.status > 599)) throw new Error("fault config status must be an HTTP status");
  return out;
}

export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const host = opts.host ?? "127.0.0.1";
  if (!LOOPBACK.has(host)) throw new Error(`the fault proxy listens on loopback only, not ${host}`);
  const upstream = new URL(opts.upstream);
  if (!LOOPBACK.has(upstream.hostname)) throw new Error(`the fault proxy forwards to loopback only, not ${upstream.hostname}`);
  let config = validateConfig(opts.config ?? {});
  let pattern = config.pathPattern ? new RegExp(config.pathPattern) : undefined;
  let stats = zeroStats();
  let seq = 0; // position in the every-Nth sequence; restarts whenever the config changes
  let sinceConfig = 0; // matching requests since the config changed (for skipMatches)
  const agent = new https.Agent({ ca: opts.ca, keepAlive: true, maxSockets: 64 });
  const open = new Set<http.ServerResponse>();

  const control = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const send = (code: number, body: unknown): void => {
      res.writeHead(code, { "content-type": "application/json" });
      res.end(JSON.stringify(body, null, 2) + "\n");
    };
    if (req.method === "GET") return send(200, { config, stats });
    if (req.method === "POST" && req.url?.startsWith("/__fault/reset")) {
      stats = zeroStats();
      return send(200, { config, stats });
    }
    if (req.method === "PUT" || req.method === "POST") {
      let raw = "";
      req.setEncoding("utf8");
      req.on("data", (d: string) => { raw += d; });
      req.on("end", () => {
        try {
          config = validateConfig(raw.trim() ? JSON.parse(raw) as FaultConfig : {});
          pattern = config.pathPattern ? new RegExp(config.pathPattern) : undefined;
          seq = 0;
          sinceConfig = 0;
          send(200, { config, stats });
        } catch (e) {
          send(400, { error: (e as Error).message });
        }
      });
      return;
    }
    send(405, { error: "use GET, PUT or POST /__fault/reset" });
  };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, u: URL, matched: boolean): void => {
    const fault = matched ? config : {};
    if (fault.endlessPagination && u.searchParams.get("continue")?.startsWith("fault-")) {
      u.searchParams.delete("continue");
      req.url = u.pathname + (u.search || "");
    }
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (!HOP_BY_HOP.has(k.toLowerCase()) && v !== undefined) headers[k] = v;
    }
    headers.host = upstream.host;
    const up = https.request({
      protocol: "https:", hostname: upstream.hostname, port: upstream.port || 443,
      method: req.method, path: req.url, headers, agent,
    }, (ur) => {
      const outHeaders: http.OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(ur.headers)) {
        if (!HOP_BY_HOP.has(k.toLowerCase()) && v !== undefined) outHeaders[k] = v;
      }
      stats.forwarded++;
      if (fault.dropAfterForward) {
        // The server has acted on the request; the client never hears about it.
        stats.injected++;
        ur.resume();
        req.socket.destroy();
        return;
      }
      if (fault.endlessPagination && req.method === "GET" && (ur.statusCode ?? 0) === 200) {
        stats.injected++;
        const chunks: Buffer[] = [];
        ur.on("data", (c: Buffer) => chunks.push(c));
        ur.on("end", () => {
          let body = Buffer.concat(chunks).toString("utf8");
          try {
            const list = JSON.parse(body) as { metadata?: Record<string, unknown> };
            list.metadata = { ...(list.metadata ?? {}), continue: `fault-${++seq}` };
            body = JSON.stringify(list);
          } catch {
            // not JSON: passed on as it is
          }
          delete outHeaders["content-length"];
          res.writeHead(200, outHeaders);
          res.end(body);
        });
        return;
      }
      if (fault.trickleMs && fault.trickleMs > 0) {
        stats.injected++;
        delete outHeaders["content-length"];
        res.writeHead(ur.statusCode ?? 502, outHeaders);
        const chunks: Buffer[] = [];
        ur.on("data", (c: Buffer) => chunks.push(c));
        ur.on("end", () => {
          const body = Buffer.concat(chunks);
          let i = 0;
          const t = setInterval(() => {
            if (i >= body.length) { clearInterval(t); res.end(); return; }
            res.write(body.subarray(i, i + 1));
            i++;
          }, fault.trickleMs);
          res.on("close", () => clearInterval(t));
        });
        return;
      }
      res.writeHead(ur.statusCode ?? 502, outHeaders);
      ur.pipe(res);
      if (matched && isWatch(u) && config.dropWatchAfterMs !== undefined && config.dropWatchAfterMs > 0) {
        const t = setTimeout(() => {
          stats.watchesDropped++;
          if (config.watchDropMode === "end") {
            ur.unpipe(res);
            res.end();
            up.destroy();
          } else {
            up.destroy();
            res.destroy();
          }
        }, config.dropWatchAfterMs);
        res.on("close", () => clearTimeout(t));
      }
    });
    up.on("error", (e) => {
      stats.upstreamErrors++;
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "application/json" });
        res.end(statusBody(502, "BadGateway", `fault proxy: upstream error: ${e.message}`));
      } else {
        res.destroy();
      }
    });
    res.on("close", () => { if (!up.writableEnded || !res.writableFinished) up.destroy(); });
    req.pipe(up);
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const u = new URL(req.url ?? "/", "https://proxy.invalid");
    if (u.pathname === "/__fault" || u.pathname.startsWith("/__fault/")) return control(req, res);
    stats.requests++;
    open.add(res);
    res.on("close", () => open.delete(res));
    const matched = (pattern ? pattern.test(u.pathname + u.search) : true) &&
      (!config.methods || config.methods.includes(req.method ?? ""));
    if (!matched) return forward(req, res, u, false);
    stats.matched++;
    if (config.skipMatches && ++sinceConfig <= config.skipMatches) return forward(req, res, u, false);
    const n = ++seq;
    if (config.status) {
      stats.injected++;
      req.resume();
      const reason = config.status === 401 ? "Unauthorized" : config.status === 403 ? "Forbidden" : "Injected";
      res.writeHead(config.status, { "content-type": "application/json" });
      res.end(statusBody(config.status, reason, `fault proxy: ${reason.toLowerCase()} (injected for ${u.pathname})`));
      return;
    }
    if (config.hang) {
      stats.injected++;
      req.resume();
      return; // never answered; closed when the client gives up or the proxy closes
    }
    if (config.endlessBody) {
      stats.injected++;
      req.resume();
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"kind":"List","apiVersion":"v1","metadata":{},"items":[');
      const filler = Buffer.from(`${JSON.stringify({ metadata: { name: "x".repeat(200) } })},`.repeat(200));
      const pump = (): void => {
        while (!res.destroyed && res.write(filler)) { /* until the socket pushes back */ }
        if (!res.destroyed) res.once("drain", pump);
      };
      pump();
      return;
    }
    if (config.every429 && n % config.every429 === 0) {
      stats.throttled429++;
      req.resume();
      res.writeHead(429, { "content-type": "application/json", "retry-after": String(config.retryAfterSeconds ?? 1) });
      res.end(statusBody(429, "TooManyRequests", "fault proxy: too many requests, please try again later"));
      return;
    }
    if (config.every500 && n % config.every500 === 0) {
      stats.failed500++;
      req.resume();
      res.writeHead(500, { "content-type": "application/json" });
      res.end(statusBody(500, "InternalError", "fault proxy: an error on the server (\"injected\") has prevented the request from succeeding"));
      return;
    }
    if (config.delayMs && config.delayMs > 0) {
      stats.delayed++;
      req.pause();
      const t = setTimeout(() => { req.resume(); forward(req, res, u, true); }, config.delayMs);
      res.on("close", () => clearTimeout(t));
      return;
    }
    forward(req, res, u, true);
  };

  const server = https.createServer({ cert: opts.cert, key: opts.key }, handler);
  server.on("upgrade", (_req, socket) => {
    socket.end("HTTP/1.1 501 Not Implemented\r\ncontent-length: 0\r\n\r\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => { server.off("error", reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${host === "::1" ? "[::1]" : host}:${port}`,
    port,
    getConfig: () => ({ ...config }),
    setConfig: (c: FaultConfig) => {
      config = validateConfig(c);
      pattern = config.pathPattern ? new RegExp(config.pathPattern) : undefined;
      seq = 0;
      sinceConfig = 0;
    },
    stats: () => ({ ...stats }),
    resetStats: () => { stats = zeroStats(); },
    close: () => new Promise<void>((resolve) => {
      for (const r of open) r.destroy();
      agent.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function testbedDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return process.env.SHIPSHAPE_TESTBED_DIR ?? path.join(here, "..", ".testbed");
}

export interface TestbedFaultProxy extends FaultProxy {
  /** A kubeconfig whose current context ("faulty", admin token) goes through this proxy. */
  kubeconfig: string;
}

/**
 * Starts a private fault proxy in front of the running test bed (needs `npm run testbed:up`) and
 * writes a kubeconfig for it next to .testbed/kubeconfig. Contexts: faulty (admin), faulty-viewer.
 */
export async function startTestbedFaultProxy(config: FaultConfig = {}): Promise<TestbedFaultProxy> {
  const dir = testbedDir();
  const kc = path.join(dir, "kubeconfig");
  if (!fs.existsSync(kc)) throw new Error(`the test bed is not up (${kc} missing): run npm run testbed:up`);
  const ports = Object.fromEntries(fs.readFileSync(path.join(dir, "ports.env"), "utf8").split("\n")
    .filter((l) => l.includes("=")).map((l) => l.split("=", 2) as [string, string]));
  const pki = path.join(dir, "pki");
  const proxy = await startFaultProxy({
    upstream: `https://127.0.0.1:${ports.APISERVER_PORT}`,
    ca: fs.readFileSync(path.join(pki, "ca.crt")),
    cert: fs.readFileSync(path.join(pki, "fault-proxy.crt")),
    key: fs.readFileSync(path.join(pki, "fault-proxy.key")),
    config,
  });
  const text = fs.readFileSync(kc, "utf8")
    .replace(`server: https://127.0.0.1:${ports.FAULT_PROXY_PORT}`, `server: ${proxy.url}`)
    .replace(/^current-context: .*$/m, "current-context: faulty");
  const file = path.join(dir, `kubeconfig.fault-proxy-${proxy.port}`);
  fs.writeFileSync(file, text, { mode: 0o600 });
  const close = proxy.close;
  return { ...proxy, kubeconfig: file, close: async () => { fs.rmSync(file, { force: true }); await close(); } };
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
    const eq = a.indexOf("=");
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else out[a.slice(2)] = argv[++i] ?? "";
  }
  return out;
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const [host, portStr] = (a.listen ?? "127.0.0.1:0").split(/:(?=[0-9]+$)/);
  const num = (k: string): number | undefined => (a[k] === undefined ? undefined : Number(a[k]));
  const config: FaultConfig = {
    every429: num("every-429"), every500: num("every-500"), delayMs: num("delay-ms"),
    dropWatchAfterMs: num("drop-watch-after-ms"), retryAfterSeconds: num("retry-after"),
    watchDropMode: a["watch-drop-mode"] as FaultConfig["watchDropMode"], pathPattern: a["path-pattern"],
  };
  for (const k of Object.keys(config) as (keyof FaultConfig)[]) if (config[k] === undefined) delete config[k];
  const need = (k: string): string => {
    const v = a[k];
    if (!v) throw new Error(`--${k} is required`);
    return v;
  };
  const p = await startFaultProxy({
    upstream: need("upstream"), ca: fs.readFileSync(need("ca")), cert: fs.readFileSync(need("cert")), key: fs.readFileSync(need("key")),
    host, port: Number(portStr ?? 0), config,
  });
  console.log(`fault proxy listening on ${p.url} -> ${a.upstream} config=${JSON.stringify(p.getConfig())}`);
  const stop = (): void => { void p.close().then(() => process.exit(0)); };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(`fault-proxy: ${(e as Error).message}`);
    process.exit(1);
  });
}
