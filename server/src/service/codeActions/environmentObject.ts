import { nodeAt } from '../document';
import { setAt } from './edits';
import { Fix, QuickFixProvider } from './fix';

/**
 * `environment` written as docker's `["NAME=value"]` list turned into the object Kasm needs (kasm-format.md §10.2:
 * Kasm adds its own variables to it at every start, which fails on a list). Same variables, so safe.
 */
export const environmentObject: QuickFixProvider = {
  codes: ['wrong-type'],
  fixes(diagnostic, { doc }): Fix[] {
    const { path } = diagnostic.data;
    if (path.at(-1) !== 'environment') return [];
    const list = nodeAt(doc, path);
    if (list?.type !== 'array') return [];
    const items = (list.children ?? []).map((item): unknown => item.value);
    if (!items.every((item): item is string => typeof item === 'string' && /^[^=]+=/.test(item))) return [];
    const object = Object.fromEntries(items.map((item) => [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)]));
    return [{ title: 'Write environment as an object { "NAME": "value" }', apply: (text) => setAt(text, path, object), preferred: true, safe: true }];
  },
};
