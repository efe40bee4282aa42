// Token counts for budgets (context Core, start report). gpt-tokenizer's cl100k_base entry is
// the lightest modern encoding it ships (measured: ~130 ms to import against ~240 ms for the
// default o200k entry, 1.2 MB of ranks against 2.4 MB). No model's tokenizer is exact for
// Claude; a BPE count is the honest figure the budgets are written against. The ranks load on
// the first count, not at import: most checks never need them (see overTokenBudget).
import { createRequire } from 'node:module';

type Encode = (text: string, options: { disallowedSpecial: Set<string> }) => number[];
declare const require: ((id: string) => unknown) | undefined;

let encode: Encode | undefined;

/**
 * In the bundle, esbuild turns this `require` into a lazy start of the bundled ranks module;
 * run from source (tests), Node's own require loads them.
 */
function loadEncode(): Encode {
  const mod =
    typeof require === 'function'
      ? require('gpt-tokenizer/encoding/cl100k_base')
      : createRequire(import.meta.url)('gpt-tokenizer/encoding/cl100k_base');
  return (mod as { encode: Encode }).encode;
}

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Tokens in `text` (cl100k_base); special-token strings such as <|endoftext|> count as text. */
export function countTokens(text: string): number {
  encode ??= loadEncode();
  return encode(text, PLAIN_TEXT).length;
}

/**
 * Whether `text` is over `budget` tokens. A BPE token covers at least one UTF-8 byte, so a
 * text of no more bytes than the budget is within it without encoding anything.
 */
export function overTokenBudget(text: string, budget: number): { over: boolean; tokens?: number } {
  if (new TextEncoder().encode(text).length <= budget) return { over: false };
  const tokens = countTokens(text);
  return { over: tokens > budget, tokens };
}
