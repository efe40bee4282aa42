// A new iteration note: feature-builds/_iterations/YYYY-MM-DD-slug/ITERATION-NOTE.md, the
// light record for a small change that needs no pre-build lock.
import { KilldateError } from '../errors.js';
import { iterationFolder } from '../parse/iteration.js';

export function iterationPath(featuresDir: string, today: string, slug: string): string {
  const folder = `${today}-${slug}`;
  const f = iterationFolder(folder);
  if (!f.slugValid)
    throw new KilldateError(
      'USAGE',
      `slug "${slug}": expected lower-case words joined by hyphens, e.g. pricing-copy`,
    );
  return `${featuresDir}/_iterations/${folder}/ITERATION-NOTE.md`;
}

export function iterationNote(slug: string, today: string, branch?: string): string {
  return `# Iteration: ${slug.replace(/[-_]/g, ' ')}

**Date:** ${today}
**Branch:** ${branch ?? 'the branch of this change'}
**Change:** one or two sentences: what changes for the user.
**Why:** the reason, and the evidence for it.
**Files touched:** the files this change edits.
**Verified by:** the test or check that shows it works.
**Rollback:** how to undo it if it misbehaves.
`;
}
