import { Connection } from 'vscode-languageserver';
import { OnlineImages } from '../online/onlineImages';
import { ServerHost } from './host';
import { IMAGE_STATUS_NOTIFICATION, ImageStatus } from './protocol';

/** At most one status notification per this many ms: a registry of a thousand entries answers in bursts. */
const STATUS_INTERVAL_MS = 250;
/** Answers that come within this many ms re-check their documents together (one pass over a registry, not one each). */
const RECHECK_BATCH_MS = 50;

/**
 * The registry answers for this server (#17), where the host can ask registries (Node; not a browser, which
 * registries' CORS rules keep out): created always, asked only for documents whose settings opt in. `recheck` gets
 * the URIs of documents an answer concerns; the editor gets the status for its status item.
 */
export function startOnlineImages(
  connection: Connection, host: ServerHost, options: { cacheFolder?: string; proxy?: string; allowedHosts: () => readonly string[] },
  recheck: (uris: string[]) => void,
): OnlineImages | undefined {
  let statusTimer: ReturnType<typeof setTimeout> | undefined;
  const answered = new Set<string>();
  let recheckTimer: ReturnType<typeof setTimeout> | undefined;
  const images = host.onlineImages?.({
    onAnswer: (uris) => {
      uris.forEach((uri) => answered.add(uri));
      recheckTimer ??= setTimeout(() => {
        recheckTimer = undefined;
        const batch = [...answered];
        answered.clear();
        recheck(batch);
      }, RECHECK_BATCH_MS);
    },
    onStatus: () => {
      statusTimer ??= setTimeout(() => {
        statusTimer = undefined;
        if (images) void connection.sendNotification(IMAGE_STATUS_NOTIFICATION, images.status() satisfies ImageStatus);
      }, STATUS_INTERVAL_MS);
    },
    log: (message) => connection.console.warn(`kasm: ${message}`),
    allowedHosts: options.allowedHosts,
  }, options);
  // Answers of the last second are written before the editor ends the server.
  connection.onShutdown(() => images?.save());
  return images;
}
