// The one list of paths no agent tool may write, as the before-write guard asks it; on a disk
// that ignores case (macOS, Windows) `review.md` is REVIEW.md, so the list ignores case there.
import { describe, expect, it } from 'vitest';
import { protectedWhat } from '../../src/core/protected-paths.js';

describe('protected paths', () => {
  it('names, folders at any depth and exact paths; other files are free', () => {
    expect(protectedWhat('feature-builds/x/REVIEW.md', false)).toBe("killdate's review record");
    expect(protectedWhat('feature-builds/x/SIGNOFFS.md', false)).toBe("killdate's sign-off record");
    expect(protectedWhat('sub/.killdate/active-task.json', false)).toBe("killdate's task and run state");
    expect(protectedWhat('.claude/settings.json', false)).toBe('Claude Code settings and hooks');
    expect(protectedWhat('docs/.claude/settings.json', false)).toBeUndefined();
    expect(protectedWhat('src/review.ts', false)).toBeUndefined();
  });

  it('on a case-blind disk, any case of a protected name is refused; on Linux it is another file', () => {
    for (const rel of [
      'feature-builds/x/review.md',
      'feature-builds/x/Signoffs.MD',
      '.KILLDATE/runs/a.json',
      '.Claude/Settings.json',
      '.GIT/hooks/pre-commit',
    ])
      expect(protectedWhat(rel, true), rel).toBeDefined();
    expect(protectedWhat('feature-builds/x/review.md', false)).toBeUndefined();
    expect(protectedWhat('src/review.ts', true)).toBeUndefined();
  });
});
