// esbuild plugin: markdown-it's ESM build initialises every class field (11 per Token, 13 per
// StateBlock...) through a Babel `_defineProperty(this, "name", value)` helper: toPropertyKey,
// typeof checks, an `in` test, and one keyed store site shared by every field of every class,
// so V8 cannot give the objects a fast shape. On a large workspace that helper was a third of
// the parse. Tokens and states are fresh plain objects with no setters, so each call becomes
// the plain assignment `this.name = value` it stands for; any other use keeps the helper, made
// a plain assignment too. If the helper ever changes shape, the file is bundled untouched.
import { readFile } from 'node:fs/promises';

const HELPER = /^function _defineProperty\(e, r, t\) \{$/m;
/** `_defineProperty(this, /* doc comment *\/ "name", value);` as the build writes each field */
const FIELD = /_defineProperty\(\s*this,\s*(?:\/\*[\s\S]*?\*\/\s*)?"([A-Za-z_$][\w$]*)",\s*([^;]*?)\s*\);/g;

export const fastFields = {
  name: 'markdown-it-fast-fields',
  setup(build) {
    build.onLoad({ filter: /markdown-it[\\/]dist[\\/]markdown-it\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!HELPER.test(source)) return undefined;
      const contents = source
        .replace(FIELD, (_, name, value) => `this.${name} = ${value};`)
        .replace(
          HELPER,
          'function _defineProperty(e, r, t) { e[r] = t; return e; }\nfunction _definePropertyUnused(e, r, t) {',
        );
      return { contents, loader: 'js' };
    });
  },
};
