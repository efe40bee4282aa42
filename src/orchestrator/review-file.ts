// Appends to a feature's REVIEW.md under a lock, atomically, never touching earlier text; and
// reads it back through the one parser of the format.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReview, REVIEW_FILE, type ReviewEntry, reviewHeader } from '../core/review-doc.js';
import { editRegister } from '../workspace/register-write.js';

export const reviewPath = (featureDir: string): string => `${featureDir}/${REVIEW_FILE}`;

export async function appendReview(tree: string, feature: { slug: string; dir: string }, section: string) {
  return editRegister(tree, reviewPath(feature.dir), (text) => {
    if (text === undefined)
      return { edits: [{ start: 0, end: 0, insert: `${reviewHeader(feature.slug)}\n${section}` }], value: 0 };
    const sep = text === '' || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    return { edits: [{ start: text.length, end: text.length, insert: sep + section }], value: 0 };
  });
}

export function readReview(tree: string, featureDir: string): ReviewEntry[] {
  try {
    return parseReview(readFileSync(join(tree, reviewPath(featureDir)), 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}
