// The zod that core validates with: zod/mini, the tree-shakable build, so a bundle carries only
// the validators core uses (a few KB, where all of zod is ~450 KB that the CLI would parse on
// every start). Named re-exports, not a namespace object, so that bundlers can drop the rest;
// modules use it as `import * as z from '../schema.js'`. zod/mini loads no locale by itself
// (every issue would read "Invalid input"): it gets zod's English messages, as the classic build
// the rpc contract uses has.

import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export {
  _default,
  array,
  boolean,
  catch,
  enum,
  int,
  literal,
  maximum,
  minimum,
  minLength,
  nonnegative,
  number,
  object,
  optional,
  pipe,
  positive,
  regex,
  string,
  transform,
  trim,
  tuple,
  union,
  url,
} from 'zod/mini';
export type { infer } from 'zod/mini';
export type { $ZodError as ZodError } from 'zod/v4/core';
