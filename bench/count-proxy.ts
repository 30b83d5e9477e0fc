// A pass-through HTTP proxy that counts what a client asks of Prometheus: requests by method and path, request and
// answer bytes. For side-by-side runs (shipshape rightsize vs KRR) on the same server.
// Usage: node bench/count-proxy.ts <upstream-url> <port> <counts.json>   (writes the counts on SIGTERM/SIGINT)
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [upstream, port, out] = process.argv.slice(2);
if (!upstream || !port || !out) throw new Error('usage: count-proxy.ts <upstream-url> <port> <counts.json>');
const counts: {
  requests: number;
  byRoute: Record<string, number>;
  requestBytes: number;
  answerBytes: number;
} = {
  requests: 0,
  byRoute: {},
  requestBytes: 0,
  answerBytes: 0,
};
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    const body = Buffer.concat(chunks);
    const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
    counts.requests++;
    counts.byRoute[route] = (counts.byRoute[route] ?? 0) + 1;
    counts.requestBytes += body.length + (req.url ?? '').length;
    try {
      const answer = await fetch(upstream + (req.url ?? ''), {
        method: req.method ?? 'GET',
        headers: { 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
        ...(req.method === 'POST' ? { body } : {}),
      });
      const text = Buffer.from(await answer.arrayBuffer());
      counts.answerBytes += text.length;
      res
        .writeHead(answer.status, {
          'content-type': answer.headers.get('content-type') ?? 'application/json',
        })
        .end(text);
    } catch (error) {
      res.writeHead(502).end(String(error));
    }
  });
});
server.listen(Number(port), '127.0.0.1');
const stop = () => {
  writeFileSync(out, `${JSON.stringify(counts, null, 2)}\n`);
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
