// A bench case entry: its name, known without building anything, and `make(ctx)`, which
// builds the case's fixture and returns the rest of the case (see bench/cases.mjs); an async
// `make` is awaited.
export const kase = (name, make) => ({
  name,
  make: (ctx) => {
    const made = make(ctx);
    return made instanceof Promise ? made.then((m) => ({ name, ...m })) : { name, ...made };
  },
});
