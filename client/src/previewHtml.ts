/**
 * The icon preview: a workspace entry as a Kasm user sees it on its card. Pure functions from the entry's summary
 * (the language server's, kasm/entrySummaries) to HTML, so escaping and the security policy are tested without an editor.
 */
import type { EntrySummary } from '../../server/src/clientApi';
import { escapeHtml, webviewPage } from './html';

export interface PreviewModel extends Omit<EntrySummary, 'icon' | 'iconProblems'> {
  /** The icon's webview URI, only when the icon is a readable file inside the entry's folder. */
  iconSrc?: string;
  /** What is wrong with the icon, in the icon rule's words, or undefined when it is fine. */
  iconProblem?: string;
  iconDetail?: string;
  problems: { errors: number; warnings: number };
}

export function previewModel(summary: EntrySummary, iconSrc: string | undefined, problems: PreviewModel['problems']): PreviewModel {
  const { icon, iconProblems, ...fields } = summary;
  return { ...fields, iconSrc, iconDetail: icon?.detail, iconProblem: iconProblems.length ? iconProblems.join(' ') : undefined, problems };
}

const chips = (values: string[], className: string) => values.map((v, i) =>
  `<span class="chip ${className}${i === 0 && className === 'category' ? ' first' : ''}">${escapeHtml(v)}</span>`).join('');

/** The card's HTML, every string from the entry escaped: the page's body, and what an update puts in its place. */
export function previewBody(model: PreviewModel): string {
  const icon = model.iconSrc
    ? `<img class="icon" src="${escapeHtml(model.iconSrc)}" alt="${escapeHtml(model.friendlyName)} icon" width="96" height="96">`
    : '<div class="icon missing" aria-label="no icon">?</div>';
  const problems = model.problems.errors || model.problems.warnings
    ? `<p class="problems">${model.problems.errors} error(s), ${model.problems.warnings} warning(s): see the Problems panel.</p>` : '';
  return `<div class="card">
  ${icon}
  <div>
    <h1>${model.friendlyName ? escapeHtml(model.friendlyName) : '<span class="empty">no friendly_name</span>'}</h1>
    <p class="description">${model.description ? escapeHtml(model.description) : '<span class="empty">no description</span>'}</p>
    <div>${chips(model.categories, 'category') || '<span class="empty">no categories</span>'}</div>
    <dl>
      <dt>Architectures</dt><dd>${chips(model.architectures, 'arch') || '<span class="empty">none: no host offers it</span>'}</dd>
      <dt>Kasm versions</dt><dd>${chips(model.versions, 'version') || '<span class="empty">none</span>'}</dd>
      <dt>Image</dt><dd>${model.images.map(escapeHtml).join('<br>') || '<span class="empty">none</span>'}</dd>
      <dt>Registry schema</dt><dd>${escapeHtml(model.schema)}</dd>
      <dt>Icon</dt><dd>${model.iconDetail ? escapeHtml(model.iconDetail) : '<span class="empty">—</span>'}</dd>
    </dl>
    ${model.iconProblem ? `<p class="warning">Icon: ${escapeHtml(model.iconProblem)}</p>` : ''}
    ${problems}
  </div>
</div>`;
}

export function renderPreview(model: PreviewModel, cspSource: string, nonce: string): string {
  return webviewPage({
    title: 'Kasm workspace preview', cspSource, nonce,
    style: `  body { padding: 16px; }
  .card { display: flex; gap: 16px; max-width: 560px; padding: 16px; border: 1px solid var(--vscode-panel-border, #8884); border-radius: 8px; background: var(--vscode-sideBar-background, transparent); }
  .icon { width: 96px; height: 96px; object-fit: contain; flex: none; border-radius: 8px; }
  .icon.missing { display: flex; align-items: center; justify-content: center; font-size: 48px; border: 2px dashed var(--vscode-errorForeground, #c33); color: var(--vscode-errorForeground, #c33); }
  h1 { font-size: 1.4em; margin: 0 0 4px; }
  .description { margin: 0 0 8px; color: var(--vscode-descriptionForeground); }
  .chip { display: inline-block; margin: 2px 4px 2px 0; padding: 1px 8px; border-radius: 10px; font-size: 0.85em; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
  .chip.first { font-weight: bold; }
  dl { display: grid; grid-template-columns: max-content auto; gap: 4px 12px; margin: 8px 0 0; font-size: 0.9em; }
  dt { color: var(--vscode-descriptionForeground); }
  dd { margin: 0; }
  .warning, .problems { color: var(--vscode-editorWarning-foreground, #b80); }
  .empty { font-style: italic; color: var(--vscode-disabledForeground, #888); }`,
    body: previewBody(model),
  });
}
