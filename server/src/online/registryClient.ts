/**
 * The Registry HTTP API v2 (distribution's spec, which Docker Hub, ghcr.io, quay.io, lscr.io and kcr.kasmweb.com
 * implement), anonymously: the Bearer challenge is answered with a pull token from the registry's own realm, and no
 * credential is ever sent. Pure: the host gives `fetch` (Node's, or one through a proxy).
 */
import { ImageFacts, ONLINE_LIMITS } from '../service/imageFacts';
import {
  Manifest, closestTags, layerBytes, nextPage, platformOf, readJson, retryAfterMs, sortNewestFirst,
} from './registryResponses';
import { RegistryLocation } from './registryLocation';
import { HOST_REFUSED, HostRefused, urlRefusal } from './hostPolicy';
import { PullTokens } from './pullTokens';

export { bearerChallenge, sortNewestFirst } from './registryResponses';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** All four manifest types: a registry answers 404 for an index whose type is not accepted (measured). */
const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');
/** Tags are listed 1,000 to a page, at most this many pages. */
const MAX_TAG_PAGES = 10;
/** Tags read at most, before duplicates go and the list is cut to ONLINE_LIMITS.tags. */
const MAX_TAGS_READ = ONLINE_LIMITS.tags * 2;
/** lscr.io → ghcr.io is one; blobs go on to a CDN: a few are plenty. */
const MAX_REDIRECTS = 5;

/** A host that failed or answered slowly this many times in a row is left alone for a while (#27.4). */
const STRIKES_TO_TRIP = 3;
const TRIPPED_MS = 5 * 60_000;

/** A host the circuit breaker keeps us from asking for now. */
export class HostUnavailable extends Error {}

/** The registry answered 429: ask it nothing more until `retryAfterMs` has passed. */
export class RateLimited extends Error {
  constructor(readonly retryAfterMs: number) {
    super('rate limited');
  }
}


interface ImageConfig {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
}

export class RegistryClient {
  private readonly pullTokens = new PullTokens((realm) => this.token(realm));

  constructor(
    private readonly fetch: Fetch,
    private readonly timeoutMs = 10_000,
    /** Hosts the user allows beyond public HTTPS ones (kasm.images.allowHosts, --allow-host): read at each request. */
    private readonly allowedHosts: () => readonly string[] = () => [],
    /**
     * Whether a multi-platform image's build date is read (its platform's config blob: only the hover shows it). The
     * CLI shows none and saves that request, a third of such an image's (#27.14).
     */
    private readonly readsBuildDates = true,
  ) {}

  /** Ends every request now and refuses new ones: the caller's time for online checks is up. */
  private readonly stopped = new AbortController();
  /** Per host: failures or slow answers in a row, and until when it is not asked. */
  private readonly strikes = new Map<string, number>();
  private readonly trippedUntil = new Map<string, number>();

  stop(): void {
    this.stopped.abort();
  }

  /** The caller will ask about `location` soon: a token asked for another repository of its registry may cover it. */
  expect(location: RegistryLocation): () => void {
    return this.pullTokens.expect(new URL(location.base).origin, location.repository);
  }

  /**
   * Every request goes through here: a URL the host policy refuses is never fetched (#27.1); each request has its
   * timeout and ends when the client is stopped; a host that failed or crawled three times in a row is not asked
   * for five minutes (a tarpit answering just before the timeout held one entry for 540 s, #27.4).
   */
  private async send(url: URL, init: RequestInit): Promise<Response> {
    const refused = urlRefusal(url, this.allowedHosts());
    if (refused) throw new HostRefused(refused);
    if (this.stopped.signal.aborted) throw new DOMException('online checks stopped', 'AbortError');
    if ((this.trippedUntil.get(url.host) ?? 0) > Date.now()) {
      throw new HostUnavailable(`${url.host} failed or answered slowly ${STRIKES_TO_TRIP} times in a row; it is not asked for ${TRIPPED_MS / 60_000} minutes`);
    }
    const started = Date.now();
    // A timer of our own, not AbortSignal.timeout: Node 20 holds that signal weakly inside AbortSignal.any, so a
    // garbage collection during a request to a registry that never answers lost the timeout and the check hung.
    // Unref'd, it keeps bounding the body read after the headers without keeping the CLI alive once it is done.
    const timeout = new AbortController();
    setTimeout(() => timeout.abort(new DOMException(`${url.host} did not answer in time`, 'TimeoutError')), this.timeoutMs).unref();
    const signal = AbortSignal.any([timeout.signal, this.stopped.signal]);
    try {
      const response = await this.fetch(url.href, { ...init, signal });
      this.strike(url.host, Date.now() - started > this.timeoutMs / 2);
      return response;
    } catch (error) {
      if (!this.stopped.signal.aborted) this.strike(url.host, true);
      throw error;
    }
  }

  private strike(host: string, bad: boolean): void {
    const strikes = bad ? (this.strikes.get(host) ?? 0) + 1 : 0;
    this.strikes.set(host, strikes);
    if (strikes >= STRIKES_TO_TRIP) {
      this.trippedUntil.set(host, Date.now() + TRIPPED_MS);
      this.strikes.set(host, 0);
    }
  }

  /**
   * What the registry says of the reference. Throws RateLimited; any other failure is an 'unknown' verdict. A missing
   * tag's near misses come from `tagList` (the caller's, to share one list with the entry's other questions).
   */
  async inspect(location: RegistryLocation, tagList = () => this.listTags(location)): Promise<ImageFacts> {
    try {
      // GET, not HEAD then GET: a found image's manifest is read anyway (and a registry counts that one GET either
      // way), so the HEAD was one request more per image (#27.14).
      const answer = await this.call(location, `manifests/${location.reference}`, MANIFEST_ACCEPT);
      if (answer.ok) return await this.describe(location, answer.headers.get('docker-content-digest') ?? location.reference, await readJson<Manifest>(answer));
      await answer.body?.cancel();
      if (answer.status === 404) {
        const tags = await tagList();
        if (tags === 'missing') return { kind: 'repository-missing' };
        return { kind: 'tag-missing', closestTags: tags === null ? [] : closestTags(location.reference, tags) };
      }
      if (answer.status === 401 || answer.status === 403) return { kind: 'repository-missing' };
      return { kind: 'unknown', reason: 'error', detail: `${location.registry} answered HTTP ${answer.status}` };
    } catch (error) {
      if (error instanceof RateLimited) throw error;
      return failure(location, error);
    }
  }

  /** The repository's tags, newest first; 'missing' when the repository is missing or private, null when unlisted. */
  async listTags(location: RegistryLocation): Promise<string[] | 'missing' | null> {
    try {
      return await this.pagesOfTags(location);
    } catch (error) {
      if (error instanceof HostRefused) return null; // the image's own question says why
      throw error;
    }
  }

  private async pagesOfTags(location: RegistryLocation): Promise<string[] | 'missing' | null> {
    const tags: string[] = [];
    let next: URL | undefined = this.url(location, 'tags/list?n=1000');
    for (let page = 0; next && page < MAX_TAG_PAGES && tags.length < MAX_TAGS_READ; page++) {
      const { response, url } = await this.follow(next, location);
      if (response.status === 404 || response.status === 401 || response.status === 403) return page === 0 ? 'missing' : sortNewestFirst(tags);
      if (!response.ok) return page === 0 ? null : sortNewestFirst(tags);
      const body = await readJson<{ tags?: unknown }>(response);
      // One by one, up to the limit: a page of 300,000 tags spread into push() overflowed the stack.
      for (const tag of Array.isArray(body?.tags) ? body.tags as unknown[] : []) {
        if (tags.length >= MAX_TAGS_READ) break;
        if (typeof tag === 'string') tags.push(tag);
      }
      next = nextPage(response.headers.get('link'), url);
    }
    return sortNewestFirst(tags);
  }

  /** Platforms, sizes and build date of the manifest or index at `digest`. */
  private async describe(location: RegistryLocation, digest: string, manifest: Manifest | undefined): Promise<ImageFacts> {
    if (Array.isArray(manifest?.manifests)) {
      const listed = manifest.manifests.slice(0, ONLINE_LIMITS.platforms * 4);
      const platforms = listed.flatMap((m) => platformOf(m.platform)).slice(0, ONLINE_LIMITS.platforms);
      const chosen = manifest.manifests.find((m) => m.platform?.architecture === 'amd64') ?? manifest.manifests[0];
      const single = chosen?.digest ? await this.json<Manifest>(location, `manifests/${chosen.digest}`, MANIFEST_ACCEPT) : undefined;
      const config = this.readsBuildDates ? await this.config(location, single) : undefined;
      return { kind: 'found', digest, platforms, compressedBytes: layerBytes(single), created: config?.created };
    }
    const config = await this.config(location, manifest);
    return { kind: 'found', digest, platforms: platformOf(config), compressedBytes: layerBytes(manifest), created: config?.created };
  }

  private async config(location: RegistryLocation, manifest: Manifest | undefined): Promise<ImageConfig | undefined> {
    const digest = manifest?.config?.digest;
    return typeof digest === 'string' ? this.json<ImageConfig>(location, `blobs/${digest}`) : undefined;
  }

  private async json<T>(location: RegistryLocation, path: string, accept?: string): Promise<T | undefined> {
    const response = await this.call(location, path, accept);
    return response.ok ? readJson<T>(response) : undefined;
  }

  /**
   * One request, with redirects followed here rather than by fetch: lscr.io sends each request on to ghcr.io, which
   * has tokens of its own (fetch would drop the token at the other host; one host's token must not go to another).
   * Each hop obeys the host policy: never to plain HTTP or a private address the user did not allow.
   */
  private async call(location: RegistryLocation, path: string, accept?: string): Promise<Response> {
    return (await this.follow(this.url(location, path), location, accept)).response;
  }

  private url(location: RegistryLocation, path: string): URL {
    return new URL(`${location.base}/v2/${location.repository}/${path}`);
  }

  /** The answer at `start` after its redirects, and the URL that gave it (a page's links are relative to it). */
  private async follow(start: URL, location: RegistryLocation, accept?: string): Promise<{ response: Response; url: URL }> {
    let url = start;
    for (let hop = 0; ; hop++) {
      const response = await this.authorized(url, location, accept);
      if (response.status === 429) throw new RateLimited(retryAfterMs(response.headers.get('retry-after')));
      const target = response.headers.get('location');
      if (response.status < 300 || response.status > 399 || !target || hop === MAX_REDIRECTS) return { response, url };
      const next = new URL(target, url);
      await response.body?.cancel();
      url = next;
    }
  }

  /** A request to `url` with the pull token its host's challenge asks for. */
  private authorized(url: URL, location: RegistryLocation, accept?: string): Promise<Response> {
    return this.pullTokens.authorized(url.origin, location.repository, (token) => this.send(url, {
      method: 'GET',
      redirect: 'manual',
      headers: { ...(accept ? { accept } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }));
  }

  /** A pull token from `realm` (its query names the service and scopes). */
  private async token(realm: URL): Promise<string | undefined> {
    // Anonymous, whatever host the realm is on: no credential of the registry goes with it.
    const response = await this.send(realm, { method: 'GET' });
    if (response.status === 429) throw new RateLimited(retryAfterMs(response.headers.get('retry-after')));
    const body = response.ok ? await readJson<{ token?: unknown; access_token?: unknown }>(response) : undefined;
    const token = body?.token ?? body?.access_token;
    return typeof token === 'string' ? token : undefined;
  }
}


function failure(location: RegistryLocation, error: unknown): ImageFacts {
  // Refused by the policy here, or by the Node host once the name resolved to a private address.
  const refused = error instanceof HostRefused ? error : (error as { cause?: unknown } | undefined)?.cause;
  if ((refused as { code?: string } | undefined)?.code === HOST_REFUSED) {
    return { kind: 'unknown', reason: 'refused', detail: (refused as Error).message };
  }
  if (error instanceof HostUnavailable) return { kind: 'unknown', reason: 'offline', detail: error.message };
  const name = (error as Error | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'unknown', reason: 'timeout', detail: `${location.registry} did not answer in time` };
  // fetch rejects with a TypeError whose cause is the network's error; anything else is a bug of ours (#27.12).
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  if (!(error instanceof TypeError) || cause === undefined) {
    return { kind: 'unknown', reason: 'bug', detail: `checking ${location.written} failed: ${(error as Error | undefined)?.stack ?? String(error)}` };
  }
  return { kind: 'unknown', reason: 'offline', detail: `${location.registry} could not be reached${cause.code ? ` (${cause.code})` : ''}` };
}
