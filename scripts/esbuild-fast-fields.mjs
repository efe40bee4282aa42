// esbuild plugin: markdown-it's ESM build initialises every Token field through a Babel
// `_defineProperty` helper (toPropertyKey, typeof checks, an `in` test). On a large
// workspace that helper alone is a third of the parse. Tokens are fresh plain objects with
// no setters, so a plain assignment is the same thing, done fast. If the helper ever
// changes shape, the file is bundled untouched.
import { readFile } from 'node:fs/promises';

const HELPER = /^function _defineProperty\(e, r, t\) \{$/m;

export const fastFields = {
  name: 'markdown-it-fast-fields',
  setup(build) {
    build.onLoad({ filter: /markdown-it[\\/]dist[\\/]markdown-it\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!HELPER.test(source)) return undefined;
      const contents = source.replace(
        HELPER,
        'function _defineProperty(e, r, t) { e[r] = t; return e; }\nfunction _definePropertyUnused(e, r, t) {',
      );
      return { contents, loader: 'js' };
    });
  },
};
