// A bench case entry: its name, known without building anything, and `make(ctx)`, which
// builds the case's fixture and returns the rest of the case (see bench/cases.mjs).
export const kase = (name, make) => ({ name, make: (ctx) => ({ name, ...make(ctx) }) });
