// Markdown to HTML for the board: raw HTML in a document is shown as text (html: false), every
// block carries its source line (data-line) so a finding's file:line lands on it, and relative
// links open the linked document in the board.
import { posix } from 'node:path';
import type { Token } from 'markdown-it';
import MarkdownIt from 'markdown-it';

type Md = InstanceType<typeof MarkdownIt>;

let md: Md | undefined;

function renderer(): Md {
  if (md) return md;
  md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.core.ruler.push('killdate_lines', (state: { tokens: Token[] }) => {
    for (const t of state.tokens)
      if (t.map && t.nesting >= 0 && t.block) t.attrSet('data-line', String(t.map[0] + 1));
    return true;
  });
  return md;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** `text` (a workspace document at `path`) as HTML. */
export function renderMarkdown(text: string, path: string): string {
  const r = renderer();
  const env = {};
  const tokens = r.parse(text, env);
  for (const t of tokens)
    for (const c of t.children ?? []) {
      if (c.type !== 'link_open') continue;
      const href = String(c.attrGet('href') ?? '');
      if (!href || href.startsWith('#') || SCHEME.test(href) || href.startsWith('/')) continue;
      const [file = '', anchor] = href.split('#');
      const target = posix.normalize(posix.join(posix.dirname(path), safeDecode(file)));
      if (target.startsWith('../')) continue;
      c.attrSet(
        'href',
        `#/doc?path=${encodeURIComponent(target)}${anchor ? `&anchor=${encodeURIComponent(anchor)}` : ''}`,
      );
    }
  return r.renderer.render(tokens, r.options, env);
}

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}
