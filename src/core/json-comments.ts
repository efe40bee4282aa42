// JSON with comments, as Gemini CLI and Qwen Code read their settings (strip-json-comments):
// a line or block comment outside a string counts as blank.

/** `text` with each comment outside a string turned into spaces (line breaks kept). */
export function withoutComments(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const block = text[i + 1] === '*';
      const close = block ? text.indexOf('*/', i + 2) : text.indexOf('\n', i + 2);
      const end = close < 0 ? text.length : block ? close + 2 : close;
      out += text.slice(from, i) + text.slice(i, end).replace(/[^\r\n]/g, ' ');
      from = end;
      i = end - 1;
    }
  }
  return out + text.slice(from);
}
