/**
 * The Bearer token dance of the Registry HTTP API v2, anonymously (#17): a registry that challenges gets a pull token
 * from its realm, kept per host and repository (one host's token never goes to another).
 *
 * One token request may name several repositories (#27.14): the token spec repeats `scope` for each, and a token
 * server grants the subset it allows ("Requesting a Token", distribution's docs/spec/auth/token.md). So the token asked
 * for one repository also covers those the caller said it will ask the same host about next, up to
 * `REPOSITORIES_PER_TOKEN`: 200 images on one registry cost 10 token requests, not 200. A host that refuses such a
 * request, or whose shared token is refused where a token of the repository's own then works, is asked one
 * repository at a time from then on (GitLab's granted a single scope until 2019).
 */
import { bearerChallenge } from './registryResponses';

/** Repositories named in one token request: keeps the request's URL and the token (a header on every request) small. */
export const REPOSITORIES_PER_TOKEN = 20;

/** The parameters of a Bearer challenge; `realm` is always there. */
export type Challenge = Record<string, string>;

/** Asks `realm` (its query complete) for a token; undefined when refused. */
export type RequestToken = (realm: URL) => Promise<string | undefined>;

/** A token asked for (or known), and whether its request named other repositories too. */
interface PullToken {
  token: Promise<string | undefined>;
  shared: boolean;
}

export class PullTokens {
  /** Per `origin repository`: the token, being asked for or known. */
  private readonly tokens = new Map<string, PullToken>();
  /** The realm and service each host's challenge named. */
  private readonly challenges = new Map<string, Challenge>();
  /** Per host, the repositories the caller will ask about (how many questions of each are on their way). */
  private readonly expected = new Map<string, Map<string, number>>();
  private readonly oneScopeOnly = new Set<string>();

  constructor(private readonly requestToken: RequestToken) {}

  /** The caller will ask `origin` about `repository` soon; call the function returned once it no longer will. */
  expect(origin: string, repository: string): () => void {
    let repositories = this.expected.get(origin);
    if (!repositories) this.expected.set(origin, repositories = new Map<string, number>());
    repositories.set(repository, (repositories.get(repository) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (repositories.get(repository) ?? 1) - 1;
      if (left > 0) repositories.set(repository, left);
      else repositories.delete(repository);
      if (!repositories.size) this.expected.delete(origin);
    };
  }

  /**
   * The answer of `send` for `repository` on `origin`, with the token a challenge asks for. A host that challenged
   * once will again: its token for a new repository is asked for first (a 401 saved).
   */
  async authorized(origin: string, repository: string, send: (token: string | undefined) => Promise<Response>): Promise<Response> {
    const key = `${origin} ${repository}`;
    const known = this.challenges.get(origin);
    let asked = known ? this.tokenFor(origin, repository, known) : undefined;
    let sent = await asked?.token;
    let response = await send(sent);
    // Asked again at most twice: with the token the challenge asks for, and once more with one of the repository's
    // own if that one was shared (a token server may grant fewer repositories than a request names).
    for (let retry = 0; retry < 2; retry++) {
      const challenge = response.status === 401 ? bearerChallenge(response.headers.get('www-authenticate')) : undefined;
      const refusedShared = sent !== undefined && asked?.shared === true;
      if (!challenge || (retry > 0 && !refusedShared)) return response;
      await response.body?.cancel();
      this.challenges.set(origin, { realm: challenge.realm, ...(challenge.service ? { service: challenge.service } : {}) });
      // A token that was sent and refused is asked for again, for this repository alone; one that was not sent may be
      // another request's, on its way.
      if (sent !== undefined && this.tokens.get(key) === asked) this.tokens.delete(key);
      asked = this.tokenFor(origin, repository, challenge, sent !== undefined);
      sent = await asked.token;
      // A token server that refused a request naming several repositories may grant this one alone.
      if (!sent && asked.shared) sent = await (asked = this.tokenFor(origin, repository, challenge, true)).token;
      if (!sent) return response;
      response = await send(sent);
      if (refusedShared && response.status !== 401) this.grantsOneScope(origin);
    }
    return response;
  }

  /** The repository's token, asked for once however many requests want it at the same time. */
  private tokenFor(origin: string, repository: string, challenge: Challenge, alone = false): PullToken {
    const key = `${origin} ${repository}`;
    const known = this.tokens.get(key);
    if (known) return known;
    const others = alone || this.oneScopeOnly.has(origin) ? [] : this.othersExpected(origin, repository);
    const keys = [key, ...others.map((other) => `${origin} ${other}`)];
    const asked: PullToken = { token: this.ask(challenge, repository, others), shared: others.length > 0 };
    for (const each of keys) this.tokens.set(each, asked);
    // A refused or failed token is asked for again next time; a refused one for one repository if it named several.
    const drop = () => { for (const each of keys) if (this.tokens.get(each) === asked) this.tokens.delete(each); };
    asked.token.then((value) => {
      if (value) return;
      drop();
      if (others.length) this.grantsOneScope(origin);
    }, drop);
    return asked;
  }

  private othersExpected(origin: string, repository: string): string[] {
    const others: string[] = [];
    for (const other of this.expected.get(origin)?.keys() ?? []) {
      if (others.length === REPOSITORIES_PER_TOKEN - 1) break;
      if (other !== repository && !this.tokens.has(`${origin} ${other}`)) others.push(other);
    }
    return others;
  }

  private ask(challenge: Challenge, repository: string, others: readonly string[]): Promise<string | undefined> {
    let realm: URL;
    try { realm = new URL(challenge.realm); } catch { return Promise.resolve(undefined); }
    if (realm.protocol !== 'https:' && realm.protocol !== 'http:') return Promise.resolve(undefined);
    if (challenge.service) realm.searchParams.set('service', challenge.service);
    realm.searchParams.set('scope', challenge.scope ?? `repository:${repository}:pull`);
    for (const other of others) realm.searchParams.append('scope', `repository:${other}:pull`);
    return this.requestToken(realm);
  }

  /** From now on one repository per token on `origin`; shared tokens not yet refused are dropped (a 401 each saved). */
  private grantsOneScope(origin: string): void {
    this.oneScopeOnly.add(origin);
    for (const [key, asked] of this.tokens) if (asked.shared && key.startsWith(`${origin} `)) this.tokens.delete(key);
  }
}

