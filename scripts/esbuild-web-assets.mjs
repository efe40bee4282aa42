// esbuild plugin: the board's browser code (src/web/client/) bundled into one script and its
// stylesheet, handed to the server as strings through the virtual module `killdate:web-assets`.
// The server serves them from memory: no file lookup at run time, no CDN, works offline.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const client = (p) => fileURLToPath(new URL(`../src/web/client/${p}`, import.meta.url));

export const webAssets = {
  name: 'killdate-web-assets',
  setup(b) {
    b.onResolve({ filter: /^killdate:web-assets$/ }, () => ({ path: 'web-assets', namespace: 'killdate' }));
    b.onLoad({ filter: /.*/, namespace: 'killdate' }, async () => {
      const out = await build({
        entryPoints: [client('app.ts')],
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
        minify: true,
        legalComments: 'none',
        logLevel: 'warning',
      });
      const js = out.outputFiles[0].text;
      const css = await readFile(client('app.css'), 'utf8');
      return {
        contents: `export const js = ${JSON.stringify(js)};\nexport const css = ${JSON.stringify(css)};\n`,
        loader: 'js',
        watchFiles: [client('app.css')],
      };
    });
  },
};
