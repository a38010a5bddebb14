/**
 * A real Docker registry on 127.0.0.1 for the online image checks (#17): Debian's `docker-registry` (distribution
 * 2.8), filesystem storage in a temporary folder, optionally behind a token server like Docker Hub's. Images are
 * pushed with plain HTTP calls (no docker).
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TestImage {
  /** One platform: an OCI manifest under the tag; more: an OCI index of them. */
  architectures: string[];
  /** Bytes of the one layer of each platform (random, so every image is distinct). */
  layerBytes?: number;
  created?: string;
}

export interface LocalRegistry {
  /** `127.0.0.1:<port>`, the host part of image references. */
  host: string;
  push(repository: string, tag: string, image: TestImage): Promise<void>;
  /** The access log so far: one `"METHOD /path HTTP/1.1" status` line per request. */
  requests(): string[];
  /** The scopes each anonymous request to the token server named, in order (none without a token server). */
  tokenRequests(): string[][];
  stop(): Promise<void>;
}

const SERVICE = 'test-registry';
const ISSUER = 'test-token-issuer';
/** Repositories under this name are private: the token server grants them nothing without the pusher's credentials. */
export const PRIVATE_PREFIX = 'private/';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts a registry; `token`: behind a Bearer token server (RS256 JWT with an x5c header), as Docker Hub is, which
 * grants the first `scopesPerToken` scopes a request names (GitLab's granted one until 2019).
 */
export async function startRegistry(
  { token = false, scopesPerToken = Infinity }: { token?: boolean; scopesPerToken?: number } = {},
): Promise<LocalRegistry> {
  const binary = '/usr/bin/docker-registry';
  if (!fs.existsSync(binary)) throw new Error('docker-registry is not installed: apt-get install docker-registry (see README, .ci/run)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-registry-'));
  const port = await freePort();
  const tokens = token ? await startTokenServer(dir, scopesPerToken) : undefined;
  const auth = tokens
    ? `auth: {token: {realm: "http://127.0.0.1:${tokens.port}/token", service: ${SERVICE}, issuer: ${ISSUER}, rootcertbundle: ${tokens.certificate}}}\n`
    : '';
  fs.writeFileSync(path.join(dir, 'config.yml'), `version: 0.1
log: {level: info, accesslog: {disabled: false}}
storage: {filesystem: {rootdirectory: ${path.join(dir, 'data')}}, delete: {enabled: true}}
http: {addr: 127.0.0.1:${port}}
${auth}`);
  const child = spawn(binary, ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  const base = `http://127.0.0.1:${port}`;
  await waitUntilUp(base, child, () => log);
  const pusher = authorizedFetch(tokens ? 'Basic cHVzaGVyOnNlY3JldA==' : undefined);
  return {
    host: `127.0.0.1:${port}`,
    push: (repository, tag, image) => pushImage(pusher, base, repository, tag, image),
    tokenRequests: () => [...(tokens?.anonymousScopes ?? [])],
    requests: () => log.split('\n').flatMap((line) => /"((?:GET|HEAD|PUT|POST|PATCH) \/v2\/\S* HTTP\/1\.1)" (\d+)/.exec(line)?.slice(1, 3).join(' ') ?? []),
    async stop() {
      child.kill();
      await tokens?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilUp(base: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${log()}`);
    const status = await fetch(`${base}/v2/`).then((r) => r.status, () => 0);
    if (status === 200 || status === 401) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`docker-registry did not start: ${log()}`);
}

/** A token server like auth.docker.io: pull for everyone, push and private repositories for the pusher only. */
interface TokenServer { port: number; certificate: string; anonymousScopes: string[][]; close(): Promise<void> }

async function startTokenServer(dir: string, scopesPerToken: number): Promise<TokenServer> {
  const anonymousScopes: string[][] = [];
  const key = path.join(dir, 'token.key');
  const certificate = path.join(dir, 'token.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', certificate, '-days', '2', '-subj', '/CN=test-token-issuer'], { stdio: 'ignore' });
  const privateKey = crypto.createPrivateKey(fs.readFileSync(key));
  const der = new crypto.X509Certificate(fs.readFileSync(certificate)).raw.toString('base64');
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const pusher = request.headers.authorization === 'Basic cHVzaGVyOnNlY3JldA==';
    const scopes = url.searchParams.getAll('scope');
    if (!pusher) anonymousScopes.push(scopes);
    const access = scopes.slice(0, scopesPerToken).flatMap((scope) => {
      const [type, name, actions] = scope.split(':');
      if (type !== 'repository' || (!pusher && name.startsWith(PRIVATE_PREFIX))) return [];
      return [{ type, name, actions: actions.split(',').filter((a) => pusher || a === 'pull') }];
    });
    const now = Math.floor(Date.now() / 1000);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', x5c: [der] })}.${encode({
      iss: ISSUER, sub: pusher ? 'pusher' : '', aud: SERVICE, exp: now + 600, nbf: now - 60, iat: now, jti: crypto.randomUUID(), access,
    })}`;
    const signature = crypto.sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url');
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ token: `${unsigned}.${signature}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    certificate,
    anonymousScopes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type SimpleFetch = (url: string, init?: RequestInit) => Promise<Response>;

/** fetch that answers a Bearer challenge with a token (asked with `basic` credentials, when given). */
function authorizedFetch(basic: string | undefined): SimpleFetch {
  const tokens = new Map<string, string>();
  return async (url, init = {}) => {
    const scopeKey = /^\/v2\/(.+?)\/(?:manifests|blobs|tags)\//.exec(new URL(url).pathname)?.[1] ?? url;
    const withToken = (token: string | undefined) => ({
      ...init, headers: { ...(init.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    let response = await fetch(url, withToken(tokens.get(scopeKey)));
    const challenge = response.headers.get('www-authenticate');
    if (response.status === 401 && challenge?.startsWith('Bearer')) {
      const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      const realm = new URL(params.realm);
      realm.searchParams.set('service', params.service);
      realm.searchParams.set('scope', params.scope.replace(/:pull$/, ':pull,push').replace(/:push$/, ':pull,push'));
      const answer = await fetch(realm, { headers: basic ? { authorization: basic } : {} });
      const { token } = await answer.json() as { token: string };
      tokens.set(scopeKey, token);
      response = await fetch(url, withToken(token));
    }
    return response;
  };
}

async function pushImage(send: SimpleFetch, base: string, repository: string, tag: string, image: TestImage): Promise<void> {
  const pushed = [];
  for (const architecture of image.architectures) {
    const config = Buffer.from(JSON.stringify({
      architecture, os: 'linux', created: image.created ?? '2026-11-01T10:00:00Z', rootfs: { type: 'layers', diff_ids: [] },
    }));
    const layer = crypto.randomBytes(image.layerBytes ?? 1024);
    const configDescriptor = await pushBlob(send, base, repository, config, 'application/vnd.oci.image.config.v1+json');
    const layerDescriptor = await pushBlob(send, base, repository, layer, 'application/vnd.oci.image.layer.v1.tar+gzip');
    const manifest = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: configDescriptor, layers: [layerDescriptor] };
    const reference = image.architectures.length === 1 ? tag : undefined;
    pushed.push({ ...(await pushManifest(send, base, repository, reference, manifest)), platform: { architecture, os: 'linux' } });
  }
  if (image.architectures.length > 1) {
    await pushManifest(send, base, repository, tag, { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: pushed });
  }
}

async function pushBlob(send: SimpleFetch, base: string, repository: string, bytes: Buffer, mediaType: string) {
  const digest = `sha256:${crypto.createHash('sha256').update(bytes).digest('hex')}`;
  const start = await send(`${base}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  if (start.status !== 202) throw new Error(`upload of a blob to ${repository}: HTTP ${start.status} ${await start.text()}`);
  const location = new URL(start.headers.get('location') ?? '', base);
  location.searchParams.set('digest', digest);
  const put = await send(location.href, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' } });
  if (put.status !== 201) throw new Error(`blob ${digest}: HTTP ${put.status} ${await put.text()}`);
  return { mediaType, digest, size: bytes.length };
}

type Manifest = { mediaType: string } & Record<string, unknown>;

async function pushManifest(send: SimpleFetch, base: string, repository: string, tag: string | undefined, manifest: Manifest) {
  const bytes = Buffer.from(JSON.stringify(manifest));
  const digest = `sha256:${crypto.createHash('sha256').update(bytes).digest('hex')}`;
  const response = await send(`${base}/v2/${repository}/manifests/${tag ?? digest}`, { method: 'PUT', body: bytes, headers: { 'content-type': manifest.mediaType } });
  if (response.status !== 201) throw new Error(`manifest ${repository}:${tag ?? digest}: HTTP ${response.status} ${await response.text()}`);
  return { mediaType: manifest.mediaType, digest, size: bytes.length };
}
