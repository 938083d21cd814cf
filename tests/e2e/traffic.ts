// Watching for network traffic in the e2e tests: everything the host mapping sends to 127.0.0.1:80 and :443, and
// every request the extension's worker or pages make to anywhere but its own package.
import { createServer, type Server, type Socket } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { BROWSER_OWN } from './harness';

/** The server name in a TLS ClientHello, or null when there is none to read. */
export function sniOf(hello: Buffer): string | null {
  try {
    if (hello[0] !== 0x16 || hello[5] !== 0x01) return null; // handshake record, ClientHello
    let i = 9 + 2 + 32; // record and handshake headers, version, random
    i += 1 + hello[i]!; // session id
    i += 2 + hello.readUInt16BE(i); // cipher suites
    i += 1 + hello[i]!; // compression methods
    const end = i + 2 + hello.readUInt16BE(i);
    for (i += 2; i + 4 <= end;) {
      const type = hello.readUInt16BE(i);
      const len = hello.readUInt16BE(i + 2);
      if (type === 0) return hello.subarray(i + 9, i + 9 + hello.readUInt16BE(i + 7)).toString('ascii');
      i += 4 + len;
    }
  } catch {
    // a short or odd hello: no name
  }
  return null;
}

/** Listens on ports 80 and 443 of 127.0.0.1, where the host mapping sends every http(s) request to any host. */
export async function catchAll(): Promise<{ seen: string[]; close: () => Promise<void> }> {
  const seen: string[] = [];
  const servers: Server[] = [];
  for (const port of [80, 443]) {
    const server = createServer((socket: Socket) => {
      socket.once('data', (chunk) => {
        const text = chunk.toString('latin1');
        // An HTTP request line, or the server name inside a TLS ClientHello.
        const line = text.split('\r\n')[0]!;
        const host = /Host: ([^\r]+)/i.exec(text)?.[1];
        const sni = port === 443 ? sniOf(chunk) : null;
        if (!(sni && BROWSER_OWN.test(sni))) {
          seen.push(port === 80 ? `http ${line} host=${host}` : `tls server name ${sni ?? '(none)'}`);
        }
        socket.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e) =>
        reject(
          new Error(`cannot listen on 127.0.0.1:${port} to watch for traffic (${(e as Error).message}); run as root`),
        ),
      );
      server.listen(port, '127.0.0.1', resolve);
    });
    servers.push(server);
  }
  return { seen, close: async () => void (await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))) };
}

/** Requests the extension's worker or one of its pages makes to anywhere but its own package, as they happen. */
export function extensionRequests(context: BrowserContext): string[] {
  const fromExtension: string[] = [];
  context.on('request', (r) => {
    let origin: string;
    try {
      origin = r.serviceWorker()?.url() ?? r.frame().url();
    } catch {
      origin = 'chrome-extension://(service worker)'; // Playwright gives worker requests no frame
    }
    if (origin.startsWith('chrome-extension://') && !r.url().startsWith('chrome-extension://'))
      fromExtension.push(r.url());
  });
  return fromExtension;
}
