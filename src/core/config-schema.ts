// The JSON Schema of killdate.config.yaml, generated from the zod schema (the one source),
// for editors and for docs/config.md. Written to schema/ by `npm run gen`.
import { toJSONSchema } from 'zod';
import { configSchema } from './config.js';

export function configJsonSchema(): Record<string, unknown> {
  const schema = toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
  return {
    $schema: schema.$schema,
    title: 'killdate.config.yaml',
    description: 'Configuration of killdate: paths, agents, commands, budgets and rule overrides.',
    ...schema,
  };
}
