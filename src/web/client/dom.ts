// DOM helpers for the board: elements built from data (text is always text, never HTML, except
// the server's rendered markdown), and the api with the launch token in a header.
type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;

export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** The server's rendered markdown (raw HTML in documents is already escaped by the server). */
export function rendered(html: string, cls = 'doc'): HTMLElement {
  const el = h('div', { class: cls });
  el.innerHTML = html;
  return el;
}

export const token = (): string =>
  document.querySelector<HTMLMetaElement>('meta[name="killdate-token"]')?.content ?? '';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly hint?: string,
  ) {
    super(message);
  }
}

async function answer<T>(r: Response): Promise<T> {
  const body = await r.json().catch(() => ({ error: `${r.status} ${r.statusText}` }));
  if (!r.ok) throw new ApiError(body.error ?? `${r.status}`, r.status, body.hint);
  return body as T;
}

export async function api<T>(path: string): Promise<T> {
  return answer<T>(await fetch(path, { headers: { 'x-killdate-token': token() } }));
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  return answer<T>(
    await fetch(path, {
      method: 'POST',
      headers: { 'x-killdate-token': token(), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

/** A link to a workspace file, opened rendered at its line. */
export function fileLink(file: string, line?: number, short = false): HTMLElement {
  const q = `path=${encodeURIComponent(file)}${line ? `&line=${line}` : ''}`;
  const name = short ? file.slice(file.lastIndexOf('/') + 1) : file;
  return h('a', { href: `#/doc?${q}`, class: 'file', title: file }, line ? `${name}:${line}` : name);
}

export const when = (iso?: string): string => (iso ? iso.replace('T', ' ').replace(/:\d\dZ$/, 'Z') : '-');
export const usd = (n?: number): string => (n ? `$${n.toFixed(4)}` : '-');
export const secs = (ms?: number): string => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`);
