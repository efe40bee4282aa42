// One MCP tool: a name, a short description (every agent pays for it in context), zod input
// and output schemas, and a function over the api. Errors become tool errors the model reads.
import type { McpServer } from '@modelcontextprotocol/server';
import { KilldateError } from '../core/errors.js';
import type { z } from '../core/zod.js';
import { resolveToday } from '../workspace/today.js';

export interface McpContext {
  /** the folder the server works in */
  cwd: string;
  /** --today, resolved again on every call (KILLDATE_TODAY, else the real date) */
  today?: string;
}

export interface ToolAnswer<O> {
  data: O;
  /** the text block; the data as JSON when absent */
  text?: string;
}

export interface KilldateTool<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  description: string;
  /** in the `--tools core` set */
  core?: boolean;
  /** reads only; otherwise it adds an entry or creates a missing file, never more */
  readOnly: boolean;
  input: I;
  output: O;
  run(args: z.infer<I>, ctx: { cwd: string; today: string }): Promise<ToolAnswer<z.infer<O>>>;
}

/** Keeps the tool's types while collecting it in a list of tools. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(
  tool: KilldateTool<I, O>,
): KilldateTool {
  return tool as unknown as KilldateTool;
}

export function registerTool(server: McpServer, tool: KilldateTool, ctx: McpContext): void {
  server.registerTool(
    tool.name,
    {
      description: tool.description,
      inputSchema: withoutDialect(tool.input),
      outputSchema: withoutDialect(tool.output),
      annotations: tool.readOnly ? { readOnlyHint: true } : { readOnlyHint: false, destructiveHint: false },
    },
    async (args: unknown) => {
      try {
        const today = resolveToday(ctx.today);
        const { data, text } = await tool.run(args as never, { cwd: ctx.cwd, today });
        return {
          content: [{ type: 'text' as const, text: text ?? JSON.stringify(data) }],
          structuredContent: data as Record<string, unknown>,
        };
      } catch (e) {
        return { isError: true, content: [{ type: 'text' as const, text: errorText(e) }] };
      }
    },
  );
}

/** What the model reads when a tool fails: killdate's own message and hint. */
export function errorText(e: unknown): string {
  if (e instanceof KilldateError) return `killdate: ${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}`;
  return `killdate: internal error: ${(e as Error)?.message ?? String(e)}`;
}

/**
 * The schema with its JSON Schema form minus the top-level `$schema` (MCP's default dialect is
 * the one zod names): ~17 tokens a schema that every agent would pay for. Validation is zod's.
 */
export function withoutDialect<S extends z.ZodObject>(schema: S): S {
  const std = schema['~standard'] as StandardWithJson;
  const strip =
    (f: JsonSchemaOf) =>
    (o: unknown): Record<string, unknown> => {
      const { $schema: _, ...rest } = f(o);
      return rest;
    };
  const lean = {
    ...std,
    jsonSchema: { input: strip(std.jsonSchema.input), output: strip(std.jsonSchema.output) },
  };
  return { '~standard': lean } as unknown as S;
}

type JsonSchemaOf = (o: unknown) => Record<string, unknown>;
type StandardWithJson = { jsonSchema: { input: JsonSchemaOf; output: JsonSchemaOf } };
