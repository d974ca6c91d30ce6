/**
 * HTTPS servers with the certificates the TLS tests need, made here with the openssl CLI (a test
 * CA, and leaves it signs with chosen dates, names, key sizes and digests), and a stand-in for
 * crt.sh's JSON API (`/?q=<name>&output=json`) for the certificate-transparency fallback.
 *
 *   good        signed by the test CA for localhost and 127.0.0.1, 90 days
 *   tls12       the good certificate, TLS 1.2 only          tls13  the same, TLS 1.3 only
 *   tls13p384   TLS 1.3 only, key exchange P-384 only (no X25519)
 *   expiring    expires in 5 days                           expired  expired yesterday
 *   wronghost   for wrong.example only                      selfsigned  signs itself
 *   weak        RSA 1024, signed with SHA-1                 mislinked  the good leaf, then an unrelated certificate
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type ServerOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenLocal, type LocalServer } from './listen';
import { TLS_SERVERS, type TlsServerName } from './tls-names';

const DAY_MS = 86_400_000;

interface Leaf {
  names: string;
  bits?: number;
  digest?: string;
  from?: number;
  to?: number;
  selfSigned?: boolean;
}

const LEAVES: Record<Exclude<TlsServerName, 'tls12' | 'tls13' | 'tls13p384' | 'mislinked'>, Leaf> = {
  good: { names: 'DNS:localhost,IP:127.0.0.1' },
  expiring: { names: 'DNS:localhost,IP:127.0.0.1', to: Date.now() + 5 * DAY_MS + 3_600_000 },
  expired: { names: 'DNS:localhost,IP:127.0.0.1', from: Date.now() - 60 * DAY_MS, to: Date.now() - DAY_MS },
  wronghost: { names: 'DNS:wrong.example' },
  selfsigned: { names: 'DNS:localhost,IP:127.0.0.1', selfSigned: true },
  weak: { names: 'DNS:localhost,IP:127.0.0.1', bits: 1024, digest: 'sha1' },
};

export interface TlsFixtures {
  /** Port of each server on 127.0.0.1. */
  ports: Record<TlsServerName, number>;
  /** The test CA (PEM): a trust anchor for the Worker in tests only. */
  caPem: string;
  /** The stand-in CT log search. */
  ctLogUrl: string;
  close(): Promise<void>;
}

export async function startTlsServers(): Promise<TlsFixtures> {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-tls-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '3650',
    '-subj',
    '/CN=Lookout Test Root CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = test',
      '[test]',
      'database = index.txt',
      'serial = serial',
      'new_certs_dir = .',
      'policy = any',
      'unique_subject = no',
      'copy_extensions = none',
      '[any]',
      'commonName = supplied',
    ].join('\n'),
  );
  const issue = (name: string, leaf: Leaf) => {
    const ext = join(dir, `${name}.ext`);
    writeFileSync(ext, `subjectAltName=${leaf.names}\nbasicConstraints=CA:FALSE\n`);
    const key = ['-newkey', `rsa:${leaf.bits ?? 2048}`, '-nodes', '-keyout', `${name}.key`];
    const subject = ['-subj', `/CN=${leaf.names.split(',')[0]?.replace(/^\w+:/, '')}`];
    if (leaf.selfSigned) {
      openssl(
        'req',
        '-x509',
        ...key,
        ...subject,
        '-out',
        `${name}.pem`,
        '-days',
        '90',
        '-addext',
        `subjectAltName=${leaf.names}`,
      );
    } else {
      openssl('req', '-new', ...key, ...subject, '-out', `${name}.csr`);
      openssl(
        'ca',
        '-batch',
        '-config',
        'ca.cnf',
        '-cert',
        'ca.pem',
        '-keyfile',
        'ca.key',
        '-rand_serial',
        '-notext',
        '-md',
        leaf.digest ?? 'sha256',
        '-extfile',
        ext,
        '-in',
        `${name}.csr`,
        '-out',
        `${name}.pem`,
        '-startdate',
        asn1Time(leaf.from ?? Date.now() - DAY_MS),
        '-enddate',
        asn1Time(leaf.to ?? Date.now() + 90 * DAY_MS),
      );
    }
    return { key: readFileSync(join(dir, `${name}.key`)), cert: readFileSync(join(dir, `${name}.pem`)) };
  };
  const certs = Object.fromEntries(Object.entries(LEAVES).map(([name, leaf]) => [name, issue(name, leaf)]));
  const caPem = readFileSync(join(dir, 'ca.pem'), 'utf8');
  rmSync(dir, { recursive: true, force: true });

  // SECLEVEL=0 lets the weak server use its RSA 1024 key and SHA-1 certificate at all.
  const base: ServerOptions = { ciphers: 'DEFAULT:@SECLEVEL=0' };
  const options: Record<TlsServerName, ServerOptions> = {
    ...(Object.fromEntries(
      Object.entries(certs).map(([name, pair]) => [name, { ...base, ...pair }]),
    ) as Record<Exclude<TlsServerName, 'tls12' | 'tls13' | 'tls13p384' | 'mislinked'>, ServerOptions>),
    tls12: { ...base, ...certs.good, maxVersion: 'TLSv1.2' },
    tls13: { ...base, ...certs.good, minVersion: 'TLSv1.3' },
    // TLS 1.3 only, without X25519: Lookout's TLS 1.3 reader cannot agree on a key with it.
    tls13p384: { ...base, ...certs.good, minVersion: 'TLSv1.3', ecdhCurve: 'P-384' },
    // The good leaf followed by a certificate that did not issue it.
    mislinked: { ...base, key: certs.good?.key, cert: `${certs.good?.cert}${certs.selfsigned?.cert}` },
  };
  const servers = await Promise.all(
    TLS_SERVERS.map(async (name) => {
      const server = createServer(options[name], (_req, res) => res.end('ok'));
      // Handshakes this client leaves unfinished on purpose are not errors.
      server.on('tlsClientError', () => undefined);
      return [name, await listenLocal(server)] as const;
    }),
  );
  const ct = await startCtLog();
  return {
    ports: Object.fromEntries(servers.map(([name, s]) => [name, Number(new URL(s.url).port)])) as Record<
      TlsServerName,
      number
    >,
    caPem,
    ctLogUrl: ct.url,
    close: async () => {
      await Promise.all([...servers.map(([, s]) => s.close()), ct.close()]);
    },
  };
}

/** crt.sh's JSON answer for a name: two certificates logged for `localhost`, the newer expiring in 3 days. */
function startCtLog(): Promise<LocalServer> {
  const server = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://ct');
    const name = url.searchParams.get('q');
    const entry = (id: number, from: number, to: number) => ({
      issuer_ca_id: 295815,
      issuer_name: "C=US, O=Let's Encrypt, CN=R11",
      common_name: name,
      name_value: `${name}\nwww.${name}`,
      id,
      entry_timestamp: new Date(from).toISOString().slice(0, 23),
      not_before: new Date(from).toISOString().slice(0, 19),
      not_after: new Date(to).toISOString().slice(0, 19),
      serial_number: `0a1b2c3d4e${id}`,
      result_count: 2,
    });
    const now = Date.now();
    const body =
      name === 'localhost'
        ? [entry(1, now - 120 * DAY_MS, now - 30 * DAY_MS), entry(2, now - 87 * DAY_MS, now + 3 * DAY_MS)]
        : [];
    res.writeHead(url.searchParams.get('output') === 'json' ? 200 : 400, {
      'content-type': 'application/json',
    });
    res.end(JSON.stringify(body));
  });
  return listenLocal(server);
}

/** YYYYMMDDHHMMSSZ, as `openssl ca -startdate/-enddate` take it. */
function asn1Time(ms: number): string {
  return `${new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}
