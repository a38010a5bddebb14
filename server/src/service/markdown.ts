/**
 * Text from a workspace.json placed into Markdown (hover). Entries come from pull requests: a string such as
 * `![x](https://attacker.example/b.png)` must show as text, or the editor fetches the URL when a maintainer hovers.
 */

/** The text with every ASCII punctuation character backslash-escaped (CommonMark allows that for all of them). */
export function escapeMarkdown(text: string): string {
  // Line breaks would start new blocks (headings, lists); control characters have no business in a hover.
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** A file URL for Markdown's link syntax, whose parentheses and spaces cannot end the link early. */
export function markdownUrl(url: string): string {
  return url.replace(/[()\s|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
