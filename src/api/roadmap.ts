// roadmap list/add/start/done and iteration new: precise edits of ROADMAP.md under a lock,
// and a create-only iteration note.
import { join } from 'node:path';
import { KilldateError } from '../core/errors.js';
import { parseMarkdown } from '../core/markdown.js';
import { parseRoadmap, type RoadmapKey } from '../core/parse/roadmap.js';
import { iterationNote, iterationPath } from '../core/registers/iteration.js';
import { addItemEdits, moveItemEdits, SECTION_KEYS } from '../core/registers/roadmap.js';
import { plain } from '../core/sections.js';
import { editRegister } from '../workspace/register-write.js';
import { createFile } from '../workspace/write.js';
import { readOptional, refuseSecrets } from './register-text.js';
import { context, type RegisterOptions } from './registers.js';

export interface RoadmapView {
  version: 1;
  file: string;
  sections: {
    key?: RoadmapKey;
    title: string;
    items: { text: string; checked: boolean | null; line: number }[];
  }[];
}

export function roadmapList(opts: RegisterOptions = {}): RoadmapView {
  const { root, config } = context(opts);
  const file = config.paths.roadmap;
  const m = parseRoadmap(parseMarkdown(file, readOptional(root, file) ?? ''));
  return {
    version: 1,
    file,
    sections: m.sections.map((s) => ({
      key: s.key,
      title: plain(s.title),
      items: s.items.map((i) => ({ ...i, text: plain(i.text) })),
    })),
  };
}

function countItems(file: string, text: string): number {
  return parseRoadmap(parseMarkdown(file, text)).sections.reduce((n, s) => n + s.items.length, 0);
}

export async function roadmapAdd(opts: RegisterOptions & { text: string; section?: string }) {
  const { root, config } = context(opts);
  refuseSecrets([opts.text]);
  const key = (opts.section ?? 'next') as RoadmapKey;
  if (!SECTION_KEYS.includes(key))
    throw new KilldateError(
      'USAGE',
      `unknown section "${opts.section}": expected ${SECTION_KEYS.join(', ')}`,
    );
  const file = config.paths.roadmap;
  const r = await editRegister(
    root,
    file,
    (text) => addItemEdits(file, text, opts.text, key),
    (b, a) => {
      if (countItems(file, a) !== countItems(file, b ?? '') + 1)
        throw new KilldateError('REFUSED', `${file}: the parser would not see the new item; nothing written`);
    },
  );
  return { version: 1 as const, file, ...r.value };
}

export async function roadmapMove(
  opts: RegisterOptions & { query: string; to: 'in-progress' | 'completed' },
) {
  const { root, config } = context(opts);
  const file = config.paths.roadmap;
  const r = await editRegister(
    root,
    file,
    (text) => moveItemEdits(file, text, opts.query, opts.to),
    (b, a) => {
      if (countItems(file, a) !== countItems(file, b ?? ''))
        throw new KilldateError(
          'REFUSED',
          `${file}: the move would change the number of items; nothing written`,
        );
    },
  );
  return { version: 1 as const, file, ...r.value };
}

export function newIteration(opts: RegisterOptions & { slug: string; branch?: string }) {
  const { root, config, today } = context(opts);
  const file = iterationPath(config.paths.features, today, opts.slug);
  if (createFile(join(root, file), iterationNote(opts.slug, today, opts.branch)) === 'exists')
    throw new KilldateError('REFUSED', `${file} already exists: not overwritten`);
  return { version: 1 as const, file };
}
