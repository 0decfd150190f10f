// The device-flow sign-in of a "Non-browser application" client, as one straight line: ask Zoho
// for a user code, hand the shell an invitation to show (the code, the address, how long it is
// valid, a ready-to-send message for the client's admin), then poll until the admin accepts or
// refuses, the code expires, or the caller's timeout or signal ends it (docs/zoho.md §4.7).
// Every wait goes through the injected clock and sleep, so tests run it without real waiting;
// polls are never closer than Zoho's interval, which grows on slow_down. other_dc moves the polls
// to the user's data centre (only to a known Zoho accounts server, or the connection's custom one).

import { TokenDeskError } from '../errors.js';
import type { BrowserOpener, Clock, Sleep } from '../ports.js';
import { DATA_CENTRES, isDcCode, type DcCode } from '../zoho/data-centres.js';
import type { DeviceCode, ZohoDeviceClient } from '../zoho/device-client.js';
import type { TokenSet } from '../zoho/token-set.js';

export interface DeviceAuthorizationConnection {
  /** The connection's name, as the admin's message names it. */
  name: string;
  /** The accounts server of the DC where the client is registered (or the custom one). */
  accountsUrl: string;
  clientId: string;
  scopes: string[];
  /** A configured custom accounts server: then it is the only one that receives secrets. */
  customAccountsUrl?: string;
}

/** What a shell shows while the admin is being waited for. */
export interface DeviceInvitation {
  userCode: string;
  verificationUrl: string;
  verificationUrlComplete?: string;
  /** When the code stops working (ms since epoch, our clock). */
  expiresAt: number;
  expiresInMs: number;
  /** The message to send to the client's admin, ready to paste. */
  message: string;
}

export type DeviceAuthorizationProgress =
  /** Zoho is being asked for a code, at this accounts server. */
  | { step: 'requesting-code'; accountsUrl: string }
  /** The code is ready; the shell shows it (and, if asked, the verification page was opened). */
  | { step: 'code'; invitation: DeviceInvitation; browserOpened: boolean }
  /** A poll is about to go out; nothing has happened yet. */
  | { step: 'polling'; attempt: number }
  /** Zoho asked us to poll less often: the wait between polls is now intervalMs. */
  | { step: 'slowed-down'; intervalMs: number }
  /** The admin's account lives in another DC: polling goes on there. */
  | { step: 'other-dc'; location: string; accountsUrl: string }
  /** The admin accepted; the tokens arrived. */
  | { step: 'approved' };

export interface DeviceAuthorizationOptions {
  device: ZohoDeviceClient;
  connection: DeviceAuthorizationConnection;
  clientSecret: string;
  clock: Clock;
  sleep: Sleep;
  /** Stop waiting after this long (default: when the code expires). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Opens the verification page on this computer too (the admin may be sitting here). */
  opener?: BrowserOpener;
  openBrowser?: boolean;
  /** Each step as it happens; a throwing listener does not end the sign-in. */
  onProgress?(progress: DeviceAuthorizationProgress): void;
}

export interface DeviceAuthorizationResult {
  tokens: TokenSet;
  /** The accounts server that issued the grant; refresh and revoke must go there. */
  accountsUrl: string;
  /** The admin's DC when Zoho named it (other_dc). */
  location?: string;
}

/** After slow_down Zoho wants at most one poll per 30 seconds (docs/zoho.md §4.7). */
export const SLOW_DOWN_INTERVAL_MS = 30_000;
/** RFC 8628 §3.5: every slow_down adds 5 seconds, on top of Zoho's 30-second floor. */
const SLOW_DOWN_STEP_MS = 5_000;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "5 minutes", "90 seconds": how long a code stays valid, for people. */
export function validityText(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds % 60 === 0 || seconds >= 600
    ? plural(Math.round(seconds / 60), 'minute')
    : plural(seconds, 'second');
}

/** The message for the client's admin (docs/zoho.md §4.7: they open the page, enter, accept). */
export function invitationMessage(input: {
  connectionName: string;
  verificationUrl: string;
  userCode: string;
  scopes: readonly string[];
  expiresInMs: number;
}): string {
  const permissions = input.scopes.length > 0 ? input.scopes.join(', ') : 'none named';
  return (
    `Open ${input.verificationUrl}, sign in with the Zoho account of your organisation, ` +
    `enter ${input.userCode} and press Accept. ` +
    `This gives ${input.connectionName} these permissions: ${permissions}. ` +
    `The code works for ${validityText(input.expiresInMs)}.`
  );
}

export function deviceAccessDenied(name: string): TokenDeskError {
  return new TokenDeskError(
    'access_denied',
    `The code was refused on the Zoho page, so "${name}" received no authorization.`,
    {
      // The same category as a declined browser sign-in (CLI exit 4).
      category: 'refused',
      remedy:
        'Get a new code and ask the admin to press Accept; if the permissions were the problem, change the scopes first.',
      cliHint: `token-desk authorize ${name}`,
    },
  );
}

export function deviceCodeExpired(name: string, expiresInMs: number): TokenDeskError {
  return new TokenDeskError(
    'device_code_expired',
    `The code for "${name}" expired before it was accepted (a code works for ${validityText(expiresInMs)}).`,
    {
      category: 'refused',
      remedy: `Get a new code and send it at once; it must be entered and accepted within ${validityText(expiresInMs)}.`,
      cliHint: `token-desk authorize ${name}`,
      details: { expiresInMs },
    },
  );
}

function timeoutError(name: string, timeoutMs: number): TokenDeskError {
  return new TokenDeskError(
    'authorization_timeout',
    `Nobody accepted the code for "${name}" within ${validityText(timeoutMs)}.`,
    {
      category: 'auth',
      remedy: 'Get a new code and wait longer, or ask the admin whether the code reached them.',
      cliHint: `token-desk authorize ${name}`,
      details: { timeoutMs },
    },
  );
}

function cancelledError(): TokenDeskError {
  return new TokenDeskError(
    'authorization_cancelled',
    'The authorization was cancelled before the code was accepted.',
    { category: 'auth', remedy: 'Get a new code when you are ready.' },
  );
}

/**
 * Where to poll after other_dc: the connection's custom accounts server if it has one (the only
 * server we send its secret to; it stands for every DC), else the named DC's accounts server.
 */
export function accountsServerForLocation(
  location: string,
  connection: DeviceAuthorizationConnection,
): string {
  if (connection.customAccountsUrl !== undefined) return connection.customAccountsUrl;
  const code = location.trim().toLowerCase();
  if (!isDcCode(code)) {
    const shown = location.length > 20 ? `${location.slice(0, 20)}…` : location;
    throw new TokenDeskError(
      'unknown_user_dc',
      `Zoho says the admin's account is in the data centre "${shown}", which Token Desk does not know. Token Desk sent it nothing.`,
      {
        category: 'refused',
        remedy:
          'Ask the admin which Zoho address they sign in at, and add the connection for that data centre.',
        details: { location: shown },
      },
    );
  }
  return DATA_CENTRES[code as DcCode].accountsUrl;
}

/** Resolves after ms, or rejects at once when the signal aborts. */
function wait(sleep: Sleep, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return sleep(ms);
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    sleep(ms).then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export async function runDeviceAuthorization(
  options: DeviceAuthorizationOptions,
): Promise<DeviceAuthorizationResult> {
  const { device, connection, clock, sleep, signal } = options;
  const progress = (step: DeviceAuthorizationProgress) => {
    try {
      options.onProgress?.(step);
    } catch {
      // A display problem in a shell must not cost the admin their acceptance.
    }
  };
  if (signal?.aborted) throw cancelledError();
  const startedAt = clock.now();
  progress({ step: 'requesting-code', accountsUrl: connection.accountsUrl });
  const code: DeviceCode = await device.requestCode({
    accountsUrl: connection.accountsUrl,
    clientId: connection.clientId,
    scopes: connection.scopes,
  });
  const invitation: DeviceInvitation = {
    userCode: code.userCode,
    verificationUrl: code.verificationUrl,
    ...(code.verificationUrlComplete === undefined
      ? {}
      : { verificationUrlComplete: code.verificationUrlComplete }),
    expiresAt: code.expiresAt,
    expiresInMs: code.expiresInMs,
    message: invitationMessage({
      connectionName: connection.name,
      verificationUrl: code.verificationUrl,
      userCode: code.userCode,
      scopes: connection.scopes,
      expiresInMs: code.expiresInMs,
    }),
  };
  let browserOpened = false;
  if (options.openBrowser && options.opener) {
    // The address is shown either way: a browser that does not open must not end the sign-in.
    browserOpened = await options.opener
      .open(code.verificationUrlComplete ?? code.verificationUrl)
      .then(
        () => true,
        () => false,
      );
  }
  progress({ step: 'code', invitation, browserOpened });

  const timeoutAt = options.timeoutMs === undefined ? Infinity : startedAt + options.timeoutMs;
  let accountsUrl = connection.accountsUrl;
  let location: string | undefined;
  let intervalMs = code.intervalMs;
  for (let attempt = 1; ; attempt += 1) {
    // Wait a whole interval before every poll, the first one included; stop early only to end.
    const now = clock.now();
    const until = Math.min(now + intervalMs, timeoutAt, code.expiresAt);
    if (until > now) await wait(sleep, until - now, signal);
    if (signal?.aborted) throw cancelledError();
    const after = clock.now();
    if (after >= code.expiresAt) throw deviceCodeExpired(connection.name, code.expiresInMs);
    if (after >= timeoutAt) throw timeoutError(connection.name, options.timeoutMs!);
    progress({ step: 'polling', attempt });
    const answer = await device.poll({
      accountsUrl,
      clientId: connection.clientId,
      clientSecret: options.clientSecret,
      deviceCode: code.deviceCode,
    });
    switch (answer.status) {
      case 'granted':
        progress({ step: 'approved' });
        return { tokens: answer.tokens, accountsUrl, ...(location ? { location } : {}) };
      case 'pending':
        break;
      case 'slow_down':
        intervalMs = Math.max(intervalMs + SLOW_DOWN_STEP_MS, SLOW_DOWN_INTERVAL_MS);
        progress({ step: 'slowed-down', intervalMs });
        break;
      case 'other_dc':
        accountsUrl = accountsServerForLocation(answer.userLocation, connection);
        location = answer.userLocation.trim().toLowerCase();
        progress({ step: 'other-dc', location, accountsUrl });
        break;
      case 'denied':
        throw deviceAccessDenied(connection.name);
      case 'expired':
        throw deviceCodeExpired(connection.name, code.expiresInMs);
    }
  }
}
