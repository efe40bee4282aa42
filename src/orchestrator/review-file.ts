// Appends to a feature's REVIEW.md under a lock, atomically, never touching earlier text; and
// reads it back through the one parser of the format.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReview, REVIEW_FILE, type ReviewEntry, reviewHeader } from '../core/review-doc.js';
import { editRegister } from '../workspace/register-write.js';

export const reviewPath = (featureDir: string): string => `${featureDir}/${REVIEW_FILE}`;

export async function appendReview(tree: string, feature: { slug: string; dir: string }, section: string) {
  return editRegister(tree, reviewPath(feature.dir), (text) => {
    const added = withSection(text, feature.slug, section).slice(text?.length ?? 0);
    const at = text?.length ?? 0;
    return { edits: [{ start: at, end: at, insert: added }], value: 0 };
  });
}

/** REVIEW.md with one more section appended: the header first when there is no file yet. */
export function withSection(text: string | undefined, feature: string, section: string): string {
  if (text === undefined) return `${reviewHeader(feature)}\n${section}`;
  const sep = text === '' || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return text + sep + section;
}

export function readReview(tree: string, featureDir: string): ReviewEntry[] {
  try {
    return parseReview(readFileSync(join(tree, reviewPath(featureDir)), 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}
