// A local HTTP receiver for notification tests: records every request, answers as the test scripts per path
// (default 200).
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface Received {
  path: string;
  at: number;
  headers: IncomingMessage['headers'];
  raw: string;
  body: Record<string, unknown>;
}

export class Receiver {
  received: Received[] = [];
  answers = new Map<string, { status: number; headers?: Record<string, string> }[]>();
  server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => {
      raw += d;
    });
    req.on('end', () => {
      this.received.push({
        path: req.url ?? '',
        at: Date.now(),
        headers: req.headers,
        raw,
        body: JSON.parse(raw),
      });
      const answer = this.answers.get(req.url ?? '')?.shift() ?? { status: 200 };
      res.writeHead(answer.status, answer.headers).end(answer.status === 200 ? 'ok' : 'no');
    });
  });
  url = '';
  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }
  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}
