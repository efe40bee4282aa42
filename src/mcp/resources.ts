// Resources: the context documents, the active task's runbook and its lock, and the session
// log's live RESUME HERE. Read fresh on every request; only these files are served.
import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import { activeTaskDocuments, contextDocuments, resumeHere } from '../api/documents.js';
import { errorText, type McpContext } from './tool.js';

const MARKDOWN = 'text/markdown';

export function registerResources(server: McpServer, ctx: McpContext): void {
  const cwd = ctx.cwd;
  server.registerResource(
    'context',
    new ResourceTemplate('killdate://context/{path}', {
      list: () => ({
        resources: safe(() => contextDocuments({ cwd }), []).map((d) => ({
          uri: contextUri(d.path),
          name: d.path,
          mimeType: MARKDOWN,
        })),
      }),
    }),
    {
      description: 'A context document every agent reads (AGENTS.md, CLAUDE.md, GEMINI.md)',
      mimeType: MARKDOWN,
    },
    (uri, vars) => {
      const path = decodeURIComponent(String(vars.path));
      const doc = answer(() => contextDocuments({ cwd })).find((d) => d.path === path);
      if (!doc) throw new Error(`killdate: ${path} is not a context document of this workspace`);
      return { contents: [{ uri: uri.href, mimeType: MARKDOWN, text: doc.text }] };
    },
  );
  const task = (uri: URL, which: 'runbook' | 'lock') => {
    const docs = answer(() => activeTaskDocuments({ cwd, today: ctx.today }));
    const doc = docs[which];
    if (!doc) throw new Error(`killdate: the active task's feature has no lock`);
    return { contents: [{ uri: uri.href, mimeType: MARKDOWN, text: doc.text }] };
  };
  server.registerResource(
    'runbook',
    'killdate://task/runbook',
    { description: "The active task's runbook", mimeType: MARKDOWN },
    (uri) => task(uri, 'runbook'),
  );
  server.registerResource(
    'lock',
    'killdate://task/lock',
    { description: "The active task's pre-build lock", mimeType: MARKDOWN },
    (uri) => task(uri, 'lock'),
  );
  server.registerResource(
    'resume-here',
    'killdate://log/resume-here',
    { description: "The session log's live RESUME HERE", mimeType: MARKDOWN },
    (uri) => {
      const r = answer(() => resumeHere({ cwd }));
      const text = r.steps.length
        ? `RESUME HERE (${r.file}, ${r.date}):\n${r.steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}\n`
        : `No live RESUME HERE in ${r.file}.\n`;
      return { contents: [{ uri: uri.href, mimeType: MARKDOWN, text }] };
    },
  );
}

export function contextUri(path: string): string {
  return `killdate://context/${encodeURIComponent(path)}`;
}

/** The api's answer, or an Error carrying the message a model reads. */
function answer<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new Error(errorText(e));
  }
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}
