/**
 * Which workspace.json files are Kasm entries. Nx, Angular and other tools write files of the same name; the
 * registry checks must not report Kasm problems on those (#18.3). The registry build reads every workspace.json
 * under `workspaces/` (format notes §5), so a file there is always an entry; elsewhere the file has to show it.
 */
import { parse } from 'jsonc-parser';
import { ENTRY_SIGNATURE_KEYS } from './kasm/knowledge';

/** Whether the file sits at `workspaces/<Name>/workspace.json`, where the registry build looks for entries. */
export function inWorkspacesFolder(file: string): boolean {
  const parts = file.split(/[\\/]/);
  return parts.length >= 3 && parts[parts.length - 3] === 'workspaces';
}

/**
 * Whether a workspace.json is a Kasm entry: one in a registry's workspaces folder, or one whose top-level keys
 * include a key only Kasm entries have. An empty file, `{}` or text that is no object yet is one being written:
 * it counts, so that its syntax errors and the skeleton completion still show.
 */
export function isKasmEntry(file: string, text: string): boolean {
  return inWorkspacesFolder(file) || isKasmValue(parse(text, [], { allowTrailingComma: true, disallowComments: false }));
}

/** The same judgement of a value already parsed (an open document's, kept per version). */
export function isKasmValue(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return true;
  const keys = Object.keys(value);
  return keys.length === 0 || keys.some((key) => ENTRY_SIGNATURE_KEYS.includes(key));
}
