import { Node } from 'jsonc-parser';
import { nodeAt, propertiesOf, propertyValue } from '../document';
import { CATEGORIES, CATEGORY_ALIASES, MAX_CATEGORIES } from '../kasm/knowledge';
import { nearMisses } from '../suggest';
import { RuleContext } from './context';

/** Architectures, categories, names and notes: the values Kasm shows on an entry's card. */
export function checkValues(ctx: RuleContext): void {
  const architectures = nodeAt(ctx.doc, ['architecture']);
  if (architectures?.type === 'array') {
    if (!architectures.children?.length) {
      ctx.reportValue('architecture-empty', architectures, 'No architecture is listed, so no Kasm host will offer this entry. Add "amd64" and/or "arm64".');
    }
    reportDuplicates(ctx, architectures, 'architecture');
  }
  const categories = nodeAt(ctx.doc, ['categories']);
  if (categories?.type === 'array') checkCategories(ctx, categories);
  for (const path of ctx.schema === '1.0' ? ['friendly_name', 'name'] : ['friendly_name']) {
    const name = nodeAt(ctx.doc, [path]);
    if (name?.type === 'string' && /[^\u0000-\u00ff]/.test(name.value as string)) {
      const offending = [...new Set(String(name.value).match(/[^\u0000-\u00ff]/gu))].join(' ');
      ctx.reportValue('non-latin1-name', name,
        `"${path}" contains characters outside Latin-1 (${offending}): the registry storefront build (btoa) fails on them. Use Latin-1 characters only.`);
    }
  }
  // An exec hook with an empty command: Kasm runs nothing and reports the hook as failed (kasm-format.md §12).
  const hooks = nodeAt(ctx.doc, ['exec_config']);
  for (const { value, name } of hooks?.type === 'object' ? propertiesOf(hooks) : []) {
    const cmd = value && propertyValue(value, 'cmd');
    if (cmd?.type === 'string' && !String(cmd.value).trim()) {
      ctx.reportValue('missing-required', cmd, `The ${name} hook's "cmd" is empty: Kasm runs nothing, and the hook fails. Write the command, or remove the hook.`);
    }
  }
  const notes = nodeAt(ctx.doc, ['notes']);
  if (notes?.type === 'string' && !String(notes.value).trim()) {
    ctx.reportValue('empty-notes', notes, '"notes" is empty: say what admins need to know to run the workspace, or remove the key.');
  }
}

const KNOWN_CATEGORIES: readonly string[] = CATEGORIES.map((c) => c.value);

/** Kasm's categories a category not among them looks like a misspelling of (an alias, or a near miss), best first. */
export function categoryNearMisses(category: string): string[] {
  if (KNOWN_CATEGORIES.includes(category)) return [];
  const alias = Object.hasOwn(CATEGORY_ALIASES, category) ? CATEGORY_ALIASES[category] : undefined;
  return alias ? [alias] : nearMisses(category, KNOWN_CATEGORIES);
}

function checkCategories(ctx: RuleContext, categories: Node): void {
  const items = categories.children ?? [];
  items.slice(MAX_CATEGORIES).forEach((item) => {
    ctx.reportValue('too-many-categories', item,
      `More than ${MAX_CATEGORIES} categories: the registry README limits an entry to ${MAX_CATEGORIES}, and Kasm displays only the first. Remove this one or an earlier one.`);
  });
  reportDuplicates(ctx, categories, 'category');
  for (const item of items) {
    if (item.type !== 'string' || KNOWN_CATEGORIES.includes(item.value as string)) continue;
    const category = item.value as string;
    // A category the registry means (kasm.categories, .kasm-lint.json) is nobody's misspelling.
    if (ctx.settings.categories?.includes(category)) continue;
    // "Development, Productivity": several categories in one string, a category of its own on the storefront (§12).
    const parts = category.split(/\s*[,;]\s*/).filter(Boolean);
    if (parts.length > 1 && parts.some((part) => KNOWN_CATEGORIES.includes(part))) {
      ctx.reportValue('category-near-miss', item,
        `"${category}" is one category with commas in it, not ${parts.length} categories: the storefront shows it as a group of its own. Write each as its own string: ${parts.map((p) => `"${p}"`).join(', ')}.`);
      continue;
    }
    const near = categoryNearMisses(category);
    if (near.length) {
      ctx.reportValue('category-near-miss', item,
        `"${item.value}" looks like a misspelling of the category "${near[0]}"; entries with "${near[0]}" are grouped together and "${item.value}" would stand alone. New categories are allowed, so ignore this if it is meant.`,
        { suggestions: near });
    }
  }
}

function reportDuplicates(ctx: RuleContext, array: Node, what: string): void {
  const seen = new Set<unknown>();
  for (const item of array.children ?? []) {
    if (seen.has(item.value)) ctx.reportValue('duplicate-value', item, `The ${what} "${item.value}" is listed twice. Remove one.`);
    seen.add(item.value);
  }
}
