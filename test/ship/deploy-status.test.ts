// The deployment status section after a ship, as the template and the kit write it.
import { describe, expect, it } from 'vitest';
import { withDeployStatus } from '../../src/core/deploy-status.js';

const fields = [
  { label: 'Last deploy', value: 'D' },
  { label: 'Current version', value: 'v2' },
  { label: 'Shipped with', value: 'killdate ship S' },
];

describe('withDeployStatus', () => {
  it("keeps the kit's bullets and label spelling, adds the missing field after the last one", () => {
    const kit =
      '# A\n\n## Current deployment status\n\nUpdate this after every deploy.\n\n- **Production URL:** [URL]\n- **last deploy:** [YYYY-MM-DD]\n- **Current version:** [version or commit SHA]\n\n---\n\n## Hard constraints\n';
    expect(withDeployStatus(kit, fields)).toBe(
      '# A\n\n## Current deployment status\n\nUpdate this after every deploy.\n\n- **Production URL:** [URL]\n- **last deploy:** D\n- **Current version:** v2\n- **Shipped with:** killdate ship S\n\n---\n\n## Hard constraints\n',
    );
  });

  it('fills an empty section, replaces an older region, appends a section when there is none', () => {
    expect(withDeployStatus('## Deployment status\n\n## Next\n', fields.slice(0, 1))).toBe(
      '## Deployment status\n\n**Last deploy:** D\n\n## Next\n',
    );
    const region = 'x\n<!-- killdate:deploy-status -->\nold\n<!-- /killdate:deploy-status -->\ny\n';
    expect(withDeployStatus(region, fields.slice(0, 1))).toBe(
      'x\n<!-- killdate:deploy-status -->\n- **Last deploy:** D\n<!-- /killdate:deploy-status -->\ny\n',
    );
    expect(withDeployStatus('# A\n', fields.slice(1, 2))).toBe(
      '# A\n\n## Deployment status\n\n**Current version:** v2\n',
    );
  });

  it('keeps each line ending of a document that mixes them; a new line takes CR LF when the document has it', () => {
    const mixed =
      '# A\r\n\r\n## Deployment status\n- **Last deploy:** old\r\n- **Owner:** Ada\n\n## Next\r\n';
    expect(withDeployStatus(mixed, fields.slice(0, 2))).toBe(
      '# A\r\n\r\n## Deployment status\n- **Last deploy:** D\r\n- **Current version:** v2\r\n- **Owner:** Ada\n\n## Next\r\n',
    );
  });
});
