// The board's browser bundle and stylesheet, made at build time (scripts/esbuild-web-assets.mjs).
declare module 'killdate:web-assets' {
  export const js: string;
  export const css: string;
}
