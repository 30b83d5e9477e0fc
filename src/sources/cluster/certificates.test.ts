import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { kubeconfigCertificates } from './certificates.ts';

const dir = mkdtempSync(join(tmpdir(), 'shipshape-certs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function kubeconfigFor(port: number): string {
  const file = join(dir, `kubeconfig-${port}`);
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:${port}"}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`,
  );
  return file;
}

describe('the serving certificate read', () => {
  it('gives up on a server that trickles bytes and never completes the handshake, with a warning', async () => {
    const sockets = new Set<net.Socket>();
    // A TLS handshake record header announcing 16 KiB, then its body one byte every 100 ms: never idle long
    // enough for a socket idle timeout, never a complete ServerHello.
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.write(Buffer.from([0x16, 0x03, 0x03, 0x40, 0x00]));
      const timer = setInterval(() => socket.write(Buffer.from([0])), 100);
      socket.on('close', () => clearInterval(timer));
      socket.on('error', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const started = performance.now();
      const result = await kubeconfigCertificates({
        kubeconfig: kubeconfigFor(port),
        handshakeDeadlineMs: 800,
      });
      assert.equal(result.objects.length, 0);
      assert.equal(result.warnings.length, 1);
      assert.match(result.warnings[0]!, /127\.0\.0\.1.*did not complete within 0\.8 s/);
      // The deadline held although bytes kept arriving (an idle timeout alone would wait for ever). The bound is
      // loose on purpose: on a loaded CI machine loading the client alone has taken seconds.
      assert.ok(performance.now() - started < 60_000);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });
});
