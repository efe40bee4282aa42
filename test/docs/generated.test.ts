// The generated reference files (schema, config and rule docs, the Claude Code plugin) match what `npm run gen`
// would write from the current build: they cannot drift from the source. Needs
// `npm run build` first (`npm test` does it).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const GEN = '../../scripts/gen-docs.mjs';

describe('generated docs', async () => {
  if (!existsSync('dist/index.mjs')) throw new Error('dist/index.mjs is missing: run `npm run build` first');
  const { renderDocs } = (await import(GEN as string)) as {
    renderDocs(): Promise<Record<string, string>>;
  };
  const docs = await renderDocs();

  it('covers the schema, the config reference and the rule reference', () => {
    expect(Object.keys(docs).sort()).toEqual([
      '.claude-plugin/marketplace.json',
      '.claude-plugin/plugin.json',
      'docs/config.md',
      'docs/rules.md',
      'schema/killdate.config.schema.json',
    ]);
  });

  for (const [path, content] of Object.entries(docs))
    it(`${path} is up to date (run \`npm run gen\` when this fails)`, () => {
      expect(existsSync(path), `${path} is missing`).toBe(true);
      expect(readFileSync(path, 'utf8')).toBe(content);
    });

  it('the JSON Schema accepts an empty config and names every top-level key', () => {
    const schema = JSON.parse(docs['schema/killdate.config.schema.json']!) as {
      type: string;
      required?: string[];
      properties: Record<string, unknown>;
    };
    expect(schema.type).toBe('object');
    expect(schema.required ?? []).toEqual([]);
    for (const key of ['paths', 'commands', 'budgets', 'rules'])
      expect(schema.properties).toHaveProperty(key);
  });
});
