// Iteration notes: feature-builds/_iterations/YYYY-MM-DD-slug/ITERATION-NOTE.md, a light
// record for a small change. The folder name carries the date and the slug; the note's
// contents are free, read as a title and `**Label:** value` fields.
import { isValidDate } from '../dates.js';
import type { MdDoc } from '../markdown.js';
import { type Field, fields, plain } from '../sections.js';

export interface IterationNote {
  /** the folder name, e.g. 2026-03-02-pricing-copy */
  folder: string;
  date: string;
  dateValid: boolean;
  slug: string;
  slugValid: boolean;
  title: string;
  fields: Field[];
}

const FOLDER = /^(\d{4}-\d{2}-\d{2})-(.*)$/;
const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

/** The date and slug of an iteration folder name. */
export function iterationFolder(
  folder: string,
): Pick<IterationNote, 'date' | 'dateValid' | 'slug' | 'slugValid'> {
  const m = FOLDER.exec(folder);
  const date = m ? (m[1] ?? '') : '';
  const slug = m ? (m[2] ?? '') : '';
  return { date, dateValid: date !== '' && isValidDate(date), slug, slugValid: SLUG.test(slug) };
}

export function parseIteration(doc: MdDoc): IterationNote {
  const parts = doc.path.split('/');
  const folder = parts.length >= 2 ? (parts[parts.length - 2] ?? '') : '';
  const h1 = doc.blocks.find((b) => b.kind === 'heading' && b.level === 1);
  return {
    folder,
    ...iterationFolder(folder),
    title: h1 && h1.kind === 'heading' ? plain(h1.text) : '',
    fields: fields(doc.blocks.filter((b) => b.kind !== 'heading')),
  };
}
