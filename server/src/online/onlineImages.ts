/**
 * The answers of image registries, kept and asked for off the typing path (#17): a rule, hover or completion gets
 * what is known at once, and the document that asked is checked again when the answer comes. Answers are kept per
 * reference for a while (and on disk through `store`), a few requests run at a time, and a registry that limits the
 * rate is left alone for as long as it says.
 */
import pLimit from 'p-limit';
import { ImageFacts, ImageFactsSource } from '../service/imageFacts';
import { Fetch, RateLimited, RegistryClient } from './registryClient';
import { RegistryLocation, registryLocation } from './registryLocation';
import { ImageCacheStore, restoreCache, serializeCache, TagList, Timed } from './imageCache';

/** How long an answer is trusted: a found image rarely changes; a missing tag may be pushed any minute. */
const FRESH_MS = { found: 6 * 3600_000, missing: 15 * 60_000, tags: 3600_000, unknown: 60_000 } as const;
/** Requests in flight at once, over all registries. */
const CONCURRENCY = 6;
/** Waiting after the last answer before the cache is written: one write for a burst of answers. */
const SAVE_DELAY_MS = 1000;

export interface OnlineImagesStatus {
  /** References with a verdict (found, tag or repository missing). */
  checked: number;
  /** Of those, the ones not found. */
  problems: number;
  /** Questions not answered yet. */
  pending: number;
  state: 'ok' | 'offline' | 'rate-limited';
  /** What is wrong, for the status item's detail. */
  detail?: string;
}

export interface OnlineImagesOptions {
  fetch: Fetch;
  /** Answers came for these requesters (document URIs): check them again. */
  onAnswer(requesters: string[]): void;
  /** The status changed; `status()` says how (counted when asked: a registry of 20,000 entries answers often). */
  onStatus?(): void;
  /** Said once per episode: a registry limits the rate, or cannot be reached (the host adds whose message it is). */
  log?(message: string): void;
  store?: ImageCacheStore;
  now?: () => number;
  timeoutMs?: number;
  /** Hosts the user allows beyond public HTTPS ones (#27.1): never a repository's say. */
  allowedHosts?: () => readonly string[];
  /** Time for all questions, from the first (the CLI's budget, #27.4): then every request ends and none starts. */
  budgetMs?: number;
  /** Read multi-platform images' build dates, which only a hover shows (default: yes; the CLI says no). */
  readsBuildDates?: boolean;
}

export class OnlineImages implements ImageFactsSource {
  private readonly images = new Map<string, Timed<ImageFacts>>();
  private readonly tagLists = new Map<string, Timed<TagList>>();
  /** Tag lists on their way: an image's missing tag and the entry's `available_tags` wait for the same one. */
  private readonly tagRequests = new Map<string, Promise<TagList>>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, Set<string>>();
  /** Registries that answered 429, until when. */
  private readonly blockedUntil = new Map<string, number>();
  private readonly offline = new Map<string, string>();
  /** Image keys asked for in this session: what the status counts. */
  private readonly asked = new Set<string>();
  private readonly limit = pLimit(CONCURRENCY);
  private readonly client: RegistryClient;
  private readonly now: () => number;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** The cache file, read before the first question: none is sent that it answers. Never read if nothing is asked. */
  private loaded: Promise<void> | undefined;
  /** Answers came since the cache file was last written. */
  private dirty = false;
  /** When the budget ends (set by the first question), and whether it has. */
  private budgetTimer: ReturnType<typeof setTimeout> | undefined;
  budgetEnded = false;

  constructor(private readonly options: OnlineImagesOptions) {
    this.client = new RegistryClient(options.fetch, options.timeoutMs, options.allowedHosts, options.readsBuildDates);
    this.now = options.now ?? Date.now;
  }

  image(reference: string, requester: string): ImageFacts | undefined {
    const location = registryLocation(reference);
    if (!location) return undefined;
    const key = `${location.base}/${location.repository}@${location.reference}`;
    this.asked.add(key);
    return this.lookup(this.images, key, location, requester, freshFor, () => this.client.inspect(location, () => this.tagList(location)));
  }

  tags(reference: string, requester: string): readonly string[] | null | undefined {
    const location = registryLocation(reference);
    if (!location) return undefined;
    const list = this.lookup(this.tagLists, tagListKey(location), location, requester, () => FRESH_MS.tags, () => this.tagList(location));
    return list === 'missing' ? null : list;
  }

  /**
   * The repository's tags, fresh from the cache or asked for once whoever asks. Not through the request limit: an
   * image's question holds a place while it waits for this.
   */
  private tagList(location: RegistryLocation): Promise<TagList> {
    const key = tagListKey(location);
    const cached = this.tagLists.get(key);
    if (cached && this.now() - cached.at < FRESH_MS.tags) return Promise.resolve(cached.value);
    let request = this.tagRequests.get(key);
    if (!request) {
      request = this.client.listTags(location).then((value) => {
        this.tagLists.set(key, { value, at: this.now() });
        this.dirty = true;
        return value;
      }).finally(() => this.tagRequests.delete(key));
      this.tagRequests.set(key, request);
    }
    return request;
  }

  /** Whether questions are on their way. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Resolves when every question asked so far is answered (the CLI checks its entries again then). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all(this.pending.values());
  }

  /** Writes the cache now, if anything new came (the CLI before it exits, the server when it shuts down). */
  async save(): Promise<void> {
    clearTimeout(this.saveTimer);
    clearTimeout(this.budgetTimer);
    if (!this.dirty) return;
    this.dirty = false;
    const now = this.now();
    // Expired answers are not written: a later session would ask again anyway.
    const fresh = {
      images: (timed: Timed<ImageFacts>) => now - timed.at < freshFor(timed.value),
      tags: (timed: Timed<TagList>) => now - timed.at < FRESH_MS.tags,
    };
    await this.options.store?.save(serializeCache(this.images, this.tagLists, fresh)).catch(() => undefined);
  }

  /** Answers kept from an earlier session, read once. */
  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const text = await this.options.store?.load().catch(() => undefined);
      if (text) restoreCache(text, this.images, this.tagLists, this.now());
    })();
    return this.loaded;
  }

  /** Images asked about that have no verdict (not answered, or the registry could not be asked). */
  unanswered(): number {
    return this.asked.size - this.status().checked;
  }

  status(): OnlineImagesStatus {
    let checked = 0;
    let problems = 0;
    for (const key of this.asked) {
      const facts = this.images.get(key)?.value;
      if (!facts || facts.kind === 'unknown') continue;
      checked++;
      if (facts.kind !== 'found') problems++;
    }
    const now = this.now();
    const limited = [...this.blockedUntil].filter(([, until]) => until > now).map(([registry]) => registry);
    const state = limited.length ? 'rate-limited' : this.offline.size ? 'offline' : 'ok';
    const detail = limited.length ? `${limited.join(', ')} limited the rate; asking again later` : [...this.offline.values()].join('; ') || undefined;
    return { checked, problems, pending: this.pending.size, state, detail };
  }

  private lookup<T>(
    cache: Map<string, Timed<T>>, key: string, location: RegistryLocation, requester: string,
    freshness: (value: T) => number, ask: () => Promise<T>,
  ): T | undefined {
    const isFresh = (timed: Timed<T> | undefined) => timed !== undefined && this.now() - timed.at < freshness(timed.value);
    const cached = cache.get(key);
    if (!isFresh(cached)) this.ask(cache, key, location, requester, () => (isFresh(cache.get(key)) ? undefined : ask()));
    // A stale answer is still the best there is while the new one is on its way.
    return cached?.value;
  }

  /** `ask` answers undefined when, once the cache file is read, there is nothing to ask. */
  private ask<T>(
    cache: Map<string, Timed<T>>, key: string, location: RegistryLocation, requester: string, ask: () => Promise<T> | undefined,
  ): void {
    let waiting = this.waiting.get(key);
    if (!waiting) this.waiting.set(key, waiting = new Set());
    waiting.add(requester);
    if (this.pending.has(key) || this.isBlocked(location.registry) || this.budgetEnded) return;
    if (this.options.budgetMs !== undefined) {
      this.budgetTimer ??= unref(setTimeout(() => {
        this.budgetEnded = true;
        this.client.stop();
      }, this.options.budgetMs));
    }
    // Said before the queue: the first token asked for on its registry can cover it too (#27.14).
    const expected = this.client.expect(location);
    const done = this.limit(async () => {
      await this.load();
      if (this.isBlocked(location.registry) || this.budgetEnded) return;
      try {
        const asking = ask();
        if (!asking) return;
        const value = await asking;
        cache.set(key, { value, at: this.now() });
        this.dirty = true;
        this.noteReachable(location, value);
        const facts = value as Partial<ImageFacts> | undefined;
        // A bug of ours, said as one, never as a registry that cannot be reached.
        if (facts?.kind === 'unknown' && facts.reason === 'bug') this.options.log?.(`${facts.detail} (a bug; please report it)`);
      } catch (error) {
        if (!(error instanceof RateLimited)) throw error;
        this.backOff(location.registry, error.retryAfterMs);
      }
    }).catch((error: unknown) => {
      this.options.log?.(`asking ${location.registry} failed: ${String(error)}`);
    }).finally(() => {
      expected();
      this.pending.delete(key);
      this.answered(key);
    });
    this.pending.set(key, done);
  }

  private answered(key: string): void {
    const requesters = this.waiting.get(key);
    this.waiting.delete(key);
    if (requesters?.size) this.options.onAnswer([...requesters]);
    this.options.onStatus?.();
    clearTimeout(this.saveTimer);
    if (this.options.store) this.saveTimer = unref(setTimeout(() => void this.save(), SAVE_DELAY_MS));
  }

  private isBlocked(registry: string): boolean {
    return (this.blockedUntil.get(registry) ?? 0) > this.now();
  }

  /** Nothing more to this registry until it said; then the documents that waited ask again. */
  private backOff(registry: string, retryAfterMs: number): void {
    const wait = Math.min(Math.max(retryAfterMs, 1000), 15 * 60_000);
    if (!this.isBlocked(registry)) this.options.log?.(`${registry} limits the rate of requests; asking again in ${Math.ceil(wait / 1000)} s.`);
    this.blockedUntil.set(registry, this.now() + wait);
    unref(setTimeout(() => {
      this.blockedUntil.delete(registry);
      this.options.onStatus?.();
      const requesters = new Set([...this.waiting.values()].flatMap((set) => [...set]));
      if (requesters.size) this.options.onAnswer([...requesters]);
    }, wait));
  }

  private noteReachable(location: RegistryLocation, value: unknown): void {
    const facts = value as Partial<ImageFacts> | undefined;
    // A refused host is no registry that is down: each entry says so (image-host-refused), the status does not.
    if (facts?.kind === 'unknown' && (facts.reason === 'offline' || facts.reason === 'timeout' || facts.reason === 'rate-limited')) {
      if (!this.offline.has(location.registry)) this.options.log?.(`${facts.detail}; images on it are not checked.`);
      this.offline.set(location.registry, facts.detail ?? location.registry);
    } else {
      this.offline.delete(location.registry);
    }
  }
}

function tagListKey(location: RegistryLocation): string {
  return `${location.base}/${location.repository}`;
}

function freshFor(facts: ImageFacts): number {
  return facts.kind === 'found' ? FRESH_MS.found : facts.kind === 'unknown' ? FRESH_MS.unknown : FRESH_MS.missing;
}

/** A timer that does not keep a command-line run alive (Node); browsers have nothing to unref. */
function unref<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
