import * as path from '../paths';
import { nodeAt } from '../document';
import { iconExtensionMismatch, iconSizeProblem, inspectIcon } from '../icon';
import { ICON_RULES } from '../kasm/knowledge';
import { KasmDocument } from '../document';
import { WorkspaceFileSystem } from '../fileSystem';
import { SchemaVersion } from '../kasm/knowledge';
import { RuleContext } from './context';

/** `image_src`: a plain .png/.svg file name, present next to workspace.json, square and at least 50×50. */
export function checkIcon(ctx: RuleContext): void {
  const node = nodeAt(ctx.doc, ['image_src']);
  if (node?.type !== 'string') return;
  const name = String(node.value);
  const icon = inspectIcon(name, ctx.doc.filePath, ctx.fileSystem);
  const extension = path.extname(name).toLowerCase();
  if (icon.kind !== 'not-plain' && !(ICON_RULES.extensions as readonly string[]).includes(extension)) {
    ctx.reportValue('icon-extension', node, `The registry README asks for a .png or .svg icon; a "${extension || name}" image displays in Kasm all the same, as long as browsers show it.`);
  }
  switch (icon.kind) {
    case 'not-plain':
      ctx.reportValue('icon-path', node, `image_src must be the file name of an icon in this entry's folder, but ${icon.reason}. It is not read.`);
      return;
    case 'missing':
      ctx.reportValue('icon-missing', node,
        `The icon "${name}" is not in this entry's folder: the registry publishes the entry with a broken icon.${icon.candidates.length ? ` Icons here: ${icon.candidates.join(', ')}.` : ' Add the file next to workspace.json.'}`,
        { suggestions: icon.candidates });
      return;
    case 'outside':
      ctx.reportValue('icon-path', node, `The icon "${name}" is a link that leads outside this entry's folder; the registry build would copy another file. It is not read. Put the real file here.`);
      return;
    case 'unreadable':
      ctx.reportValue('icon-unreadable', node, `"${name}" is not an image a browser can show (PNG, SVG, JPEG, GIF, WebP or ICO); Kasm will show a broken icon. Save it again as PNG.`);
      return;
    case 'image': {
      if (iconExtensionMismatch(name, icon)) {
        ctx.reportValue('icon-format-mismatch', node, `"${name}" is ${article(icon.format)} ${icon.format} image: browsers show it anyway, but its name says otherwise. Save it as PNG or rename it.`);
      }
      const problem = iconSizeProblem(icon);
      if (problem) {
        // Kasm letterboxes an icon that is not square; one a pixel or two under the minimum looks the same (§12).
        const consequence = problem.notSquare ? (problem.small ? 'Kasm shows it blurry and letterboxed' : 'Kasm shows it letterboxed, not squeezed') : 'Kasm shows it blurry';
        ctx.reportValue('icon-size', node, `The icon's ${problem.text}: ${consequence}. Use a square image of at least ${ICON_RULES.minPixels}×${ICON_RULES.minPixels} px.`,
          { severity: problem.nearlyBigEnough && !problem.notSquare ? 'info' : undefined });
      }
      return;
    }
    default:
      return;
  }
}

/** "an ICO", "an SVG", "a PNG": the article as the format's name is spoken, letter by letter. */
function article(format: string): 'a' | 'an' {
  return /^[AEFHILMNORSX]/.test(format) ? 'an' : 'a';
}

/**
 * What is wrong with an entry's icon, in the icon rule's own words: the hover and the previews say it the same way
 * as the Problems panel (#16.8).
 */
export function iconProblems(doc: KasmDocument, schema: SchemaVersion, fileSystem: WorkspaceFileSystem | undefined): string[] {
  const context = new RuleContext(doc, schema, fileSystem);
  checkIcon(context);
  return context.diagnostics.map((d) => d.message);
}
