/**
 * The registry gallery: every entry as a card, as the registry's users browse it, filterable by category, and as an
 * admin adding it on one Kasm release with one channel sees it (entries Kasm hides greyed, with the reason; #29.1).
 * Pure functions, so escaping and the security policy are tested without an editor. The page's only script (nonce'd,
 * no inline handlers) filters cards, posts the index of a clicked card and the admin's chosen release. A
 * description is shown whole: a line clamp inside a button cut it mid-line (#18.11).
 */
import { escapeHtml, webviewPage } from './html';

export interface GalleryCard {
  friendlyName: string;
  description: string;
  categories: string[];
  /** The icon's webview URI, only for an icon file inside the entry's folder. */
  iconSrc?: string;
  /** The entry's folder relative to the registry root. */
  folder: string;
  errors: number;
  warnings: number;
  /** What the entry asks of the agent's host (#29.5): a badge. */
  hostAccess: string[];
  /** With a Kasm release chosen: the image an admin on it installs, or why Kasm hides the entry (#29.1). */
  view?: { image: string } | { hidden: string };
}

/** The admin's view to choose: Kasm releases and channels the registry can be added with, and the chosen ones. */
export interface AdminView { releases: string[]; channels: string[]; kasmVersion: string; channel: string }

const uniqueSorted = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

const NO_VIEW: AdminView = { releases: [], channels: [], kasmVersion: '', channel: '' };

/** The gallery's filters and cards, every workspace string escaped: the page's body, and what an update puts in its place. */
export function galleryBody(cards: GalleryCard[], admin: AdminView = NO_VIEW): string {
  const categories = uniqueSorted(cards.flatMap((c) => c.categories));
  const options = (values: string[], chosen = '') =>
    values.map((v) => `<option value="${escapeHtml(v)}"${v === chosen ? ' selected' : ''}>${escapeHtml(v)}</option>`).join('');
  const cardHtml = cards.map((card, index) => {
    const problems = card.errors || card.warnings
      ? `<span class="problems ${card.errors ? 'errors' : 'warnings'}" title="${card.errors} error(s), ${card.warnings} warning(s)">${card.errors ? `✖ ${card.errors}` : ''} ${card.warnings ? `⚠ ${card.warnings}` : ''}</span>` : '';
    const trust = card.hostAccess.length
      ? `<span class="trust" title="${escapeHtml(`Asks of the host: ${card.hostAccess.join('; ')}`)}">⛨ ${escapeHtml(card.hostAccess[0].split(' (')[0])}${card.hostAccess.length > 1 ? ` +${card.hostAccess.length - 1}` : ''}</span>` : '';
    const view = !card.view ? '' : 'hidden' in card.view
      ? `<span class="view">Hidden: ${escapeHtml(card.view.hidden)}</span>` : `<span class="view">Installs ${escapeHtml(card.view.image)}</span>`;
    const greyed = card.view && 'hidden' in card.view ? ' greyed' : '';
    return `<button type="button" class="card${greyed}" data-index="${index}" data-categories="${escapeHtml(JSON.stringify(card.categories))}">
  ${card.iconSrc ? `<img class="icon" src="${escapeHtml(card.iconSrc)}" alt="" width="64" height="64">` : '<span class="icon missing">?</span>'}
  <span class="name">${escapeHtml(card.friendlyName || card.folder)}</span>${problems}${trust}
  <span class="description">${escapeHtml(card.description)}</span>
  <span class="chips">${card.categories.map((c) => `<span class="chip">${escapeHtml(c)}</span>`).join('')}</span>${view}
</button>`;
  }).join('\n');
  const hidden = cards.filter((c) => c.view && 'hidden' in c.view).length;
  const count = admin.kasmVersion ? `${cards.length - hidden} listed, ${hidden} hidden on Kasm ${escapeHtml(admin.kasmVersion)}` : `${cards.length} workspace${cards.length === 1 ? '' : 's'}`;
  return `<div class="filters">
  <label>As an admin on Kasm <select id="kasmVersion"><option value="">(any release)</option>${options(admin.releases, admin.kasmVersion)}</select></label>
  <label>Channel <select id="channel"><option value="">(none)</option>${options(admin.channels, admin.channel)}</select></label>
  <label>Category <select id="category"><option value="">all</option>${options(categories)}</select></label>
  <span class="count" id="count" data-summary="${count}">${count}</span>
</div>
<div class="grid">
${cardHtml}
</div>`;
}

export function renderGallery(cards: GalleryCard[], cspSource: string, nonce: string, admin: AdminView = NO_VIEW): string {
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
  .count { color: var(--vscode-descriptionForeground); }
  .card.greyed { opacity: 0.5; }
  .view { grid-column: 1 / -1; font-size: 0.8em; color: var(--vscode-descriptionForeground); overflow-wrap: anywhere; }
  .trust { margin-left: 6px; font-size: 0.8em; color: var(--vscode-editorWarning-foreground, #b80); }`,
    body: galleryBody(cards, admin),
    // Listeners sit on #root, whose content updates replace; the chosen filters outlive an update, and with the scroll
    // position (webview state) a page that VS Code reloads when the panel was hidden.
    script: `  const saved = vscode.getState() || {};
  const chosen = Object.assign({ category: '' }, saved.chosen);
  function save() { vscode.setState({ chosen, scrollY: window.scrollY }); }
  window.addEventListener('scroll', save, { passive: true });
  function filter() {
    const cards = Array.from(document.querySelectorAll('.card'));
    let shown = 0;
    for (const card of cards) {
      const matches = !chosen.category || JSON.parse(card.dataset.categories).includes(chosen.category);
      card.classList.toggle('hidden', !matches);
      if (matches) shown++;
    }
    const count = document.getElementById('count');
    count.textContent = chosen.category ? shown + ' of ' + cards.length + ' in ' + chosen.category + '; ' + count.dataset.summary : count.dataset.summary;
  }
  function updated() {
    const select = document.getElementById('category');
    if (Array.from(select.options).some((option) => option.value === chosen.category)) select.value = chosen.category;
    else chosen.category = '';
    filter();
  }
  // The admin's view is the extension's to compute (the server judges entries): a choice asks it for a new body.
  root.addEventListener('change', (event) => {
    if (event.target.id === 'category') { chosen.category = event.target.value; filter(); save(); }
    else if (event.target.id === 'kasmVersion' || event.target.id === 'channel') {
      vscode.postMessage({ type: 'view', kasmVersion: document.getElementById('kasmVersion').value, channel: document.getElementById('channel').value });
    }
  });
  root.addEventListener('click', (event) => {
    const card = event.target.closest('.card');
    if (card) vscode.postMessage({ type: 'open', index: Number(card.dataset.index) });
  });
  updated();
  if (saved.scrollY) window.scrollTo(0, saved.scrollY);`,
  });
}
