// The grant-type guards: each way of authorizing fits some kinds of client only (a grant code for
// a Self Client, the browser for a server-based client, the device flow for a Non-browser
// application, the secret alone for client credentials). A guard refuses the wrong kind with the
// way that kind is authorized, before anything is asked of the vault or of Zoho.

import { inputError, type TokenDeskError } from '../errors.js';
import type { Connection } from '../store/connection.js';

const CODE_REMEDY =
  'Authorize it with a grant code from the API Console (Self Client > Generate Code).';
const BROWSER_REMEDY = 'Authorize it by signing in through the browser.';
const codeHint = (connection: Connection) =>
  `token-desk authorize ${connection.name} --code <grant code>`;
const plainHint = (connection: Connection) => `token-desk authorize ${connection.name}`;

function notForDevice(connection: Connection): TokenDeskError {
  return inputError(
    'wrong_client_type',
    `"${connection.name}" is a Non-browser application: it needs no grant code and no browser sign-in; the client's admin enters a code that Token Desk shows.`,
    'Authorize it without a code, then send the code and the message it shows to the admin.',
    undefined,
    plainHint(connection),
  );
}

/** A wrong way for this client: a Self Client takes a code, any other kind the browser. */
function wrongClientType(connection: Connection, message: string): TokenDeskError {
  const self = connection.clientType === 'self';
  return inputError(
    'wrong_client_type',
    message,
    self ? CODE_REMEDY : BROWSER_REMEDY,
    undefined,
    self ? codeHint(connection) : plainHint(connection),
  );
}

/** A grant code is for a Self Client that does not use client credentials. */
export function assertTakesGrantCode(connection: Connection): void {
  if (connection.clientType === 'device') throw notForDevice(connection);
  if (connection.clientCredentials) {
    throw inputError(
      'unexpected_code',
      `"${connection.name}" uses client credentials: it needs no grant code.`,
      'Authorize it without a code: Token Desk asks Zoho for a token with the client secret alone.',
      undefined,
      plainHint(connection),
    );
  }
  if (connection.clientType !== 'self') {
    throw inputError(
      'wrong_client_type',
      `"${connection.name}" is a server-based client; it has no grant code to paste.`,
      'Authorize it by signing in through the browser; it needs no code.',
      undefined,
      plainHint(connection),
    );
  }
}

/** The browser sign-in is for a server-based client; returns its redirect URI. */
export function assertSignsInByBrowser(connection: Connection): string {
  if (connection.clientType === 'device') throw notForDevice(connection);
  if (connection.clientType !== 'server' || !connection.redirectUri) {
    throw inputError(
      'wrong_client_type',
      `"${connection.name}" is a Self Client; it is authorized with a grant code.`,
      CODE_REMEDY,
      undefined,
      codeHint(connection),
    );
  }
  return connection.redirectUri;
}

/** The device flow is for a Non-browser application. */
export function assertUsesDeviceFlow(connection: Connection): void {
  if (connection.clientType !== 'device') {
    throw wrongClientType(
      connection,
      `"${connection.name}" is not a Non-browser application, so it has no device code.`,
    );
  }
}

/** A token from the secret alone is for a client-credentials Self Client. */
export function assertUsesClientCredentials(connection: Connection): void {
  if (!connection.clientCredentials) {
    throw wrongClientType(connection, `"${connection.name}" does not use client credentials.`);
  }
}
