/**
 * The registry gallery: every entry as a card, as the registry's users browse it, filterable by Kasm
 * version and category. Pure functions, so escaping and the security policy are tested without an editor.
 * The page's only script (nonce'd, no inline handlers) filters cards and posts the index of a clicked card. A
 * description is shown whole: a line clamp inside a button cut it mid-line (#18.11).
 */
import { escapeHtml, webviewPage } from './html';

export interface GalleryCard {
  friendlyName: string;
  description: string;
  categories: string[];
  versions: string[];
  /** The icon's webview URI, only for an icon file inside the entry's folder. */
  iconSrc?: string;
  /** The entry's folder relative to the registry root. */
  folder: string;
  errors: number;
  warnings: number;
}

const uniqueSorted = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

/** The gallery's filters and cards, every workspace string escaped: the page's body, and what an update puts in its place. */
export function galleryBody(cards: GalleryCard[]): string {
  const versions = uniqueSorted(cards.flatMap((c) => c.versions)).reverse();
  const categories = uniqueSorted(cards.flatMap((c) => c.categories));
  const options = (values: string[]) => values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join('');
  const cardHtml = cards.map((card, index) => {
    const problems = card.errors || card.warnings
      ? `<span class="problems ${card.errors ? 'errors' : 'warnings'}" title="${card.errors} error(s), ${card.warnings} warning(s)">${card.errors ? `✖ ${card.errors}` : ''} ${card.warnings ? `⚠ ${card.warnings}` : ''}</span>` : '';
    return `<button type="button" class="card" data-index="${index}" data-versions="${escapeHtml(JSON.stringify(card.versions))}" data-categories="${escapeHtml(JSON.stringify(card.categories))}">
  ${card.iconSrc ? `<img class="icon" src="${escapeHtml(card.iconSrc)}" alt="" width="64" height="64">` : '<span class="icon missing">?</span>'}
  <span class="name">${escapeHtml(card.friendlyName || card.folder)}</span>${problems}
  <span class="description">${escapeHtml(card.description)}</span>
  <span class="chips">${card.categories.map((c) => `<span class="chip">${escapeHtml(c)}</span>`).join('')}</span>
</button>`;
  }).join('\n');
  return `<div class="filters">
  <label>Kasm version <select id="version"><option value="">all</option>${options(versions)}</select></label>
  <label>Category <select id="category"><option value="">all</option>${options(categories)}</select></label>
  <span class="count" id="count">${cards.length} workspace${cards.length === 1 ? '' : 's'}</span>
</div>
<div class="grid">
${cardHtml}
</div>`;
}

export function renderGallery(cards: GalleryCard[], cspSource: string, nonce: string): string {
  return webviewPage({
    title: 'Kasm registry', cspSource, nonce,
    style: `  body { padding: 12px; }
  .filters { display: flex; gap: 12px; margin-bottom: 12px; align-items: center; }
  select { background: var(--vscode-dropdown-background); color: var(--vscode-dropdown-foreground); border: 1px solid var(--vscode-dropdown-border, transparent); padding: 2px 4px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; }
  .card { display: grid; grid-template-columns: 64px 1fr; gap: 4px 10px; text-align: left; padding: 10px; border-radius: 8px; cursor: pointer;
    border: 1px solid var(--vscode-panel-border, #8884); background: var(--vscode-sideBar-background, transparent); color: inherit; font: inherit; }
  .card:hover, .card:focus { border-color: var(--vscode-focusBorder); }
  .card.hidden { display: none; }
  .icon { grid-row: span 3; width: 64px; height: 64px; object-fit: contain; }
  .icon.missing { display: flex; align-items: center; justify-content: center; font-size: 32px; border: 2px dashed var(--vscode-errorForeground, #c33); color: var(--vscode-errorForeground, #c33); border-radius: 8px; }
  .name { font-weight: bold; }
  .description { font-size: 0.85em; color: var(--vscode-descriptionForeground); overflow-wrap: anywhere; }
  .chip { display: inline-block; margin: 0 4px 0 0; padding: 0 6px; border-radius: 8px; font-size: 0.8em; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
  .problems { margin-left: 6px; font-size: 0.85em; }
  .problems.errors { color: var(--vscode-errorForeground, #c33); }
  .problems.warnings { color: var(--vscode-editorWarning-foreground, #b80); }
  .count { color: var(--vscode-descriptionForeground); }`,
    body: galleryBody(cards),
    // Listeners sit on #root, whose content updates replace; the chosen filters outlive an update, and with the scroll
    // position (webview state) a page that VS Code reloads when the panel was hidden.
    script: `  const saved = vscode.getState() || {};
  const chosen = Object.assign({ version: '', category: '' }, saved.chosen);
  function save() { vscode.setState({ chosen, scrollY: window.scrollY }); }
  window.addEventListener('scroll', save, { passive: true });
  function filter() {
    const cards = Array.from(document.querySelectorAll('.card'));
    let shown = 0;
    for (const card of cards) {
      const matches = (!chosen.version || JSON.parse(card.dataset.versions).includes(chosen.version))
        && (!chosen.category || JSON.parse(card.dataset.categories).includes(chosen.category));
      card.classList.toggle('hidden', !matches);
      if (matches) shown++;
    }
    document.getElementById('count').textContent = shown + ' of ' + cards.length + ' workspaces';
  }
  function updated() {
    for (const id of ['version', 'category']) {
      const select = document.getElementById(id);
      if (Array.from(select.options).some((option) => option.value === chosen[id])) select.value = chosen[id];
      else chosen[id] = '';
    }
    filter();
  }
  root.addEventListener('change', (event) => {
    if (event.target.id in chosen) { chosen[event.target.id] = event.target.value; filter(); save(); }
  });
  root.addEventListener('click', (event) => {
    const card = event.target.closest('.card');
    if (card) vscode.postMessage({ type: 'open', index: Number(card.dataset.index) });
  });
  updated();
  if (saved.scrollY) window.scrollTo(0, saved.scrollY);`,
  });
}
