// The contract's shared pieces: the shapes several method groups use (a connection's name, the
// connection view, data centres, product ids, scope lists), so each group file states its own
// methods only. Imports nothing but zod and the vocabulary, like every contract file.

import * as z from 'zod/mini';
import { connectionViewSchema, type ConnectionView } from '../vocabulary/connection-schema.js';
import { DC_CODES, PRODUCT_IDS } from '../vocabulary/index.js';

export const DC_CODE = z.enum(DC_CODES);

/** The catalog's product ids. */
export const PRODUCT_ID = z.enum(PRODUCT_IDS);
export type ProductIdView = z.infer<typeof PRODUCT_ID>;

/** A connection's name, as every method that names one takes it. */
export const name = z.string().check(z.minLength(1), z.maxLength(64));

/** A connection as the UI sees it: the connection record's schema without the refresh guard's
 * bookkeeping, plus the masked access token (main/vocabulary/connection-schema.ts). */
export const connectionView = connectionViewSchema;
export type { ConnectionView };

export const empty = z.strictObject({});
export const byName = z.object({ name });

/** At most `max` scopes, none empty. */
export const scopeList = (max: number) =>
  z.array(z.string().check(z.minLength(1))).check(z.maxLength(max));
