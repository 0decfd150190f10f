// The contract's events, pushed from main to the UI: the sign-ins' progress (server and device
// flow), changed connections, and notices about a connection. Never a secret.

import * as z from 'zod/mini';
import { connectionView } from './contract-common.js';

/** How every sign-in ends (main/rpc/connection-sign-in.ts reports it on the sign-in's event). */
const SIGN_IN_ENDS = ['done', 'failed', 'cancelled'] as const;

/** A sign-in's progress event: the connection's name, the step (the sign-in's own steps, then how
 * it ended) and what each step tells. */
function signInEvent<const Step extends string, Details extends z.core.$ZodLooseShape>(
  steps: readonly Step[],
  details: Details,
) {
  return z.extend(
    z.object({ name: z.string(), step: z.enum([...steps, ...SIGN_IN_ENDS]) }),
    details,
  );
}

export const events = {
  /**
   * Server-client authorization steps, for the waiting screen: listening (the receiver is up;
   * deadline set), sign-in (the Zoho page is ready: url, and whether the system browser opened
   * it), exchanging (Zoho answered; the code is being exchanged), then done, failed or cancelled.
   */
  'authorization.progress': signInEvent(
    [
      'listening',
      'sign-in',
      'exchanging',
      /** Adding scopes: asking Zoho to extend the existing grant. */
      'scope-enhancement',
      /** Zoho would not extend it: a full sign-in follows (`reason` says why). */
      'full-sign-in',
    ],
    {
      /** full-sign-in only: why, in one plain sentence. */
      reason: z.optional(z.string()),
      url: z.optional(z.string()),
      /** sign-in only: false when the browser was not opened (--no-open, or opening failed). */
      browserOpened: z.optional(z.boolean()),
      deadline: z.optional(z.number()),
    },
  ),
  /**
   * Device-flow steps, for the invitation screen: requesting-code, code (the user code, the
   * verification address, the message for the admin and when the code expires), slowed-down
   * (Zoho wants fewer polls), other-dc (the admin's data centre, where polling goes on),
   * approved (tokens arrived), then done, failed or cancelled. Never a secret: the device code
   * stays in main.
   */
  'authorization.device': signInEvent(
    ['requesting-code', 'code', 'slowed-down', 'other-dc', 'approved'],
    {
      userCode: z.optional(z.string()),
      verificationUrl: z.optional(z.string()),
      message: z.optional(z.string()),
      expiresAt: z.optional(z.number()),
      browserOpened: z.optional(z.boolean()),
      location: z.optional(z.string()),
      intervalMs: z.optional(z.number()),
    },
  ),
  /**
   * Connections changed. `connection`: this row was added or changed (the whole view); `removed`:
   * the connection with this id is gone; neither: anything may have changed (the vault was
   * unlocked, the store reloaded, a reconnect): re-list everything.
   */
  'connections.changed': z.object({
    connection: z.optional(connectionView),
    removed: z.optional(z.string()),
  }),
  /**
   * An operation on a connection succeeded, but the user should know something (Token Desk
   * ignored an api_domain that is not a Zoho API host): one plain-language line, never a secret.
   */
  'connections.notice': z.object({
    connection: z.string(),
    code: z.string(),
    message: z.string(),
  }),
} as const;
