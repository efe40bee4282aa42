// How far V8 lets the heap grow after each full collection, for a CLI process about to run
// every rule over the workspace: by `percent`, not V8's own up to fourfold, so a large
// workspace stays within its memory target. Set in that process only, and only while it may
// run them: on a warm run the collections it adds cost time and save nothing (status on
// 10,000 features, warm, with it throughout: 2.14 -> 2.41 s, the same memory).
export function limitHeapGrowth(percent: number | 'v8'): void {
  const value = percent === 'v8' ? 0 : percent; // 0: V8's own
  process.getBuiltinModule('node:v8').setFlagsFromString(`--heap-growing-percent=${value}`);
}
