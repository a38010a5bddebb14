/**
 * Online image checks in the editor (#17), desktop only (registries keep browsers out): the one-time offer to turn
 * them on, and the language status item that says how far they got ("images: checked 42 / 3 problems / offline").
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { IMAGE_STATUS_NOTIFICATION, ImageStatus } from '../../server/src/clientApi';
import { LANGUAGE_ID } from './clientOptions';

const SETTING = 'images.online';
/** globalState key: the user answered "Never" to the offer. */
const NEVER_OFFER = 'kasm.images.neverOffer';

export function registerOnlineImages(context: vscode.ExtensionContext, client: BaseLanguageClient, hasNetwork: () => boolean): void {
  const item = vscode.languages.createLanguageStatusItem('kasm.images', { language: LANGUAGE_ID });
  item.name = 'Kasm image checks';
  let status: ImageStatus | undefined;
  const enabled = () => vscode.workspace.getConfiguration('kasm').get<boolean>(SETTING) === true;
  const show = () => {
    if (!enabled()) {
      // Said here, once, instead of an offer that could not work (#29.7).
      item.text = hasNetwork() ? 'Images not checked online' : 'Images not checked online (offline)';
      item.detail = hasNetwork() ? undefined : 'No network: the online checks are offered when there is one.';
      item.severity = vscode.LanguageStatusSeverity.Information;
      item.busy = false;
      item.command = { title: 'Enable', command: 'workbench.action.openSettings', arguments: [`kasm.${SETTING}`] };
      return;
    }
    item.text = statusText(status);
    item.detail = status?.detail;
    item.busy = (status?.pending ?? 0) > 0;
    item.severity = status && (status.problems > 0 || status.state !== 'ok') ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    item.command = { title: 'Settings', command: 'workbench.action.openSettings', arguments: [`kasm.${SETTING}`] };
  };
  let offered = false;
  const offer = (document: vscode.TextDocument | undefined) => {
    if (offered || document?.languageId !== LANGUAGE_ID || context.globalState.get(NEVER_OFFER) === true) return;
    const inspected = vscode.workspace.getConfiguration('kasm').inspect<boolean>(SETTING);
    if (inspected?.globalValue !== undefined) return;
    show();
    if (!hasNetwork()) return;
    offered = true;
    void offerOnlineChecks(context);
  };
  context.subscriptions.push(
    item,
    client.onNotification(IMAGE_STATUS_NOTIFICATION, (next: ImageStatus) => {
      status = next;
      show();
    }),
    vscode.workspace.onDidChangeConfiguration((change) => { if (change.affectsConfiguration(`kasm.${SETTING}`)) show(); }),
    vscode.window.onDidChangeActiveTextEditor((editor) => offer(editor?.document)),
  );
  show();
  offer(vscode.window.activeTextEditor?.document);
}

/** "images: checked 42 / 3 problems / offline", as the issue that asked for it wrote it. */
function statusText(status: ImageStatus | undefined): string {
  if (!status) return 'images: checking…';
  const parts = [`images: checked ${status.checked}`];
  if (status.problems) parts.push(`${status.problems} ${status.problems === 1 ? 'problem' : 'problems'}`);
  if (status.state === 'offline') parts.push('offline');
  if (status.state === 'rate-limited') parts.push('rate limited');
  return parts.join(' / ');
}

/** Once per session at most, until the user enables the checks or says never. */
async function offerOnlineChecks(context: vscode.ExtensionContext): Promise<void> {
  const answer = await vscode.window.showInformationMessage(
    'Check the images of Kasm entries online? Their registries are asked, anonymously, whether each tag exists, for which architectures, and how big it is. Nothing is sent unless you enable this.',
    'Enable', 'Not now', 'Never',
  );
  if (answer === 'Enable') await vscode.workspace.getConfiguration('kasm').update(SETTING, true, vscode.ConfigurationTarget.Global);
  if (answer === 'Never') await context.globalState.update(NEVER_OFFER, true);
}
