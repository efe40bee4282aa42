// A feature taken through the gates, written the way a person fills the templates.
import { day } from '../helpers/dates.js';

export const CANONICAL = `# Marketing truth

## Settings

Users choose which emails they receive from one settings page.
`;

export const LOCK = `# Pre-build lock: settings-page

**Date locked:** ${day(-5)}
**Branch:** feature/settings-page

## Gate 1 — Canonical alignment

**Canonical reference:** "Users choose which emails they receive from one settings page." (marketing/canonical/MARKETING-TRUTH.md, Settings)
**Conflicts:** none
**Resolution:** the build follows the canonical doc as written

**Status:** ☑ PASSED ☐ BLOCKED

## Gate 2 — Scope lock

**Scope statement:** A settings page where a signed-in user turns each email type on or off.

**IN:**

- the /settings route with one toggle per email type

**OUT:**

- push notifications
- email content changes

**Section vs replacement:** new surface at /settings
**Unique job:** the only place a user controls which emails arrive
**Single surgical change:** V(N+1) = V(N) + a settings page with email toggles

**Status:** ☑ PASSED ☐ BLOCKED

## Gate 3 — Invariants inventory

| Surface | Must stay unchanged | How to verify |
|---|---|---|
| /account | profile editing works as before | test account.spec.ts |

**Status:** ☑ PASSED ☐ BLOCKED

## Gate 4 — Blast radius

| Touchpoint | Behaviour changes | Data changes | State changes | Tests change | Coordinated update |
|---|---|---|---|---|---|
| Primary surface | yes, new page | no | no | yes, new tests | no |
| Shared components | no | no | no | no | no |
| API, loaders, actions | yes, one action | no | no | yes | no |
| Database | no | no | no | no | no |
| Jobs and integrations | no | no | no | no | no |

**Status:** ☑ PASSED ☐ BLOCKED

## Gate 5 — Four-state rendering

| Surface | Empty | Loading | Error | Populated |
|---|---|---|---|---|
| /settings | all toggles on | skeleton rows | inline retry banner | saved toggles |

**Status:** ☑ PASSED ☐ BLOCKED ☐ N/A

## Gate 6 — Interface contract

**Status:** ☐ PASSED ☐ BLOCKED ☑ N/A

## Gate 7 — Sunset criterion and kill date

**Temporary code:** flag settings_page
**Sunset criterion:** the flag is on for all users for 14 days with no settings errors
**Kill date:** ${day(68)}

**Status:** ☑ PASSED ☐ BLOCKED ☐ N/A

## Gate 8 — Mocks sign-off

- [x] Full-surround render: the whole screen with the new part in place
- [x] Side by side: V(N-1) and V(N) next to each other, identical outside the change
- [x] Skeletons: each runbook's SKELETON comes from these mocks

**Mocks:** mocks/settings.html

**Status:** ☑ PASSED ☐ BLOCKED
`;

export const RUNBOOK = `# Runbook: settings-form

**Feature:** settings-page
**Task:** 1 of 1
**Branch:** feature/settings-page
**Maps to:** Gate 2 IN item: the /settings route with one toggle per email type

## FILES

\`\`\`
app/routes/settings.tsx
app/lib/email-prefs.ts
\`\`\`

## TYPES

\`\`\`ts
export interface EmailPrefs { digest: boolean; alerts: boolean }
\`\`\`

## SKELETON

\`\`\`tsx
export default function Settings() {
  return <form method="post"><Toggle name="digest" /><Toggle name="alerts" /></form>;
}
\`\`\`

## PROHIBITED

- Do not change any path outside FILES
- Do not add a dependency this runbook does not name
- Do not refactor code next to the task
- Do not add abstractions the task does not need
- Do not add error handling for cases that cannot happen here
- Do not add a "save all" button: each toggle saves on change

## VALIDATE

- [ ] Turning digest off stores digest=false for the user
- [ ] Tests pass: \`npm test\`
- [ ] Only the paths in FILES changed
`;

export const MOCK = '<html><body><h1>Settings</h1><input type="checkbox" name="digest"></body></html>\n';
