/**
 * The icon preview: a workspace entry as a Kasm user sees it on its card. Pure functions from the parsed
 * entry to HTML, so escaping and the security policy are tested without an editor.
 */
import { IconInfo, iconDescription, iconSizeProblem } from '../../server/src/service/icon';
import { SchemaVersion } from '../../server/src/service/kasm/knowledge';
import { escapeHtml, webviewPage } from './html';

export interface PreviewModel {
  friendlyName: string;
  description: string;
  categories: string[];
  architectures: string[];
  versions: string[];
  images: string[];
  schema: SchemaVersion;
  /** The icon's webview URI, only when the icon is a readable file inside the entry's folder. */
  iconSrc?: string;
  /** What is wrong with the icon, in words, or undefined when it is fine. */
  iconProblem?: string;
  iconDetail?: string;
  problems: { errors: number; warnings: number };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const record = (value: unknown): Record<string, unknown> =>
  (typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {});

export function previewModel(
  value: unknown, schema: SchemaVersion, icon: IconInfo, iconSrc: string | undefined, problems: PreviewModel['problems'],
): PreviewModel {
  const entry = record(value);
  const compatibility = Array.isArray(entry.compatibility) ? entry.compatibility : [];
  const versions = compatibility.map((c) => (typeof c === 'string' ? c : text(record(c).version))).filter(Boolean);
  const images = schema === '1.0' ? [text(entry.name)].filter(Boolean) : compatibility.map((c) => text(record(c).image)).filter(Boolean);
  const model: PreviewModel = {
    friendlyName: text(entry.friendly_name), description: text(entry.description),
    categories: texts(entry.categories), architectures: texts(entry.architecture),
    versions, images: [...new Set(images)], schema, problems,
  };
  describeIcon(model, text(entry.image_src), icon, iconSrc);
  return model;
}

function describeIcon(model: PreviewModel, name: string, icon: IconInfo, iconSrc: string | undefined): void {
  switch (icon.kind) {
    case 'image': {
      model.iconSrc = iconSrc;
      model.iconDetail = `${name}: ${iconDescription(icon)}`;
      const problem = iconSizeProblem(icon);
      if (problem) model.iconProblem = `Badly sized: ${problem}; Kasm shows it squeezed or blurry.`;
      return;
    }
    case 'missing':
      model.iconProblem = name ? `Missing: "${name}" is not next to workspace.json.` : 'No image_src: the entry has no icon.';
      return;
    case 'unreadable':
      model.iconProblem = `Unreadable: "${name}" is not an image a browser can show.`;
      return;
    case 'not-plain':
      model.iconProblem = `Not shown: image_src must be a file name in this folder, but ${icon.reason}.`;
      return;
    case 'outside':
      model.iconProblem = `Not shown: "${name}" is a link that leads outside the entry's folder.`;
      return;
    case 'no-folder':
      model.iconProblem = 'Save the file to see its icon.';
      return;
  }
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
