// zod, as killdate uses it. Importing zod's `z` namespace bundles every one of its locales
// (755 KB, ~80 ms at the start of each command that validates); named imports keep 210 KB.
// Import `z` from here, never from 'zod'.
import type * as zod from 'zod';
import { array, boolean, enum as enumOf, iso, literal, number, object, record, string, union } from 'zod';

export const z = { array, boolean, enum: enumOf, iso, literal, number, object, record, string, union };

export declare namespace z {
  type infer<T extends zod.ZodType> = zod.infer<T>;
  type ZodObject = zod.ZodObject;
}
