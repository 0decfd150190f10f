// The contract's methods on access tokens: refresh now, copy in main (desktop), reveal to the page
// on the user's click (browser mode).

import * as z from 'zod/mini';
import { byName, connectionView, name } from './contract-common.js';

export const tokenMethods = {
  'tokens.refresh': { params: byName, result: connectionView },
  /** Copies in main (Electron); the renderer never sees the token. */
  'tokens.copy': {
    params: z.object({ name, as: z.enum(['token', 'header']) }),
    result: z.object({ expiresAt: z.number() }),
  },
  /** Returns the token itself: only on the user's click (Reveal, or Copy in browser mode). */
  'tokens.reveal': {
    params: byName,
    result: z.object({ accessToken: z.string(), expiresAt: z.number() }),
  },
} as const;
