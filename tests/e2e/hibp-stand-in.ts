// The stand-in for haveibeenpwned.com that the data-update and update-in-place tests serve on 127.0.0.1:443: the
// browser reaches it through the harness's host mapping and trusts its certificate only because those tests add
// --ignore-certificate-errors. Port 443 needs root, as the CI machine has.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed certificate for haveibeenpwned.com, made with openssl for this run only. */
export function certificate(): { key: Buffer; cert: Buffer; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'amia-cert-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=haveibeenpwned.com',
      '-addext',
      'subjectAltName=DNS:haveibeenpwned.com',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')), dir };
}

/** Listens on 127.0.0.1:443, or says why it cannot. */
export function listenAsHibp(server: Server, dir: string): Promise<{ server: Server; dir: string }> {
  return new Promise((resolve, reject) => {
    server.once('error', (e) =>
      reject(new Error(`cannot listen on 127.0.0.1:443 for the stand-in endpoint (${(e as Error).message})`)),
    );
    server.listen(443, '127.0.0.1', () => resolve({ server, dir }));
  });
}
