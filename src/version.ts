// Replaced at build time by esbuild's define; the fallback serves tests run from source.
declare const __KILLDATE_VERSION__: string | undefined;
export const VERSION: string = typeof __KILLDATE_VERSION__ === 'string' ? __KILLDATE_VERSION__ : '0.0.0-dev';
