// The device grant path, for a Non-browser application: its admin enters, on another device, the
// code Token Desk shows; Token Desk polls Zoho meanwhile.

import { inputError } from '../errors.js';
import { realSleep } from '../ports.js';
import type { Connection } from '../store/connection.js';
import {
  runDeviceAuthorization,
  type DeviceAuthorizationProgress,
} from '../auth/device-authorization.js';
import { DATA_CENTRES } from '../zoho/data-centres.js';
import { withAddedScopes, type GrantContext } from './grant-context.js';
import { assertUsesDeviceFlow } from './grant-guards.js';

export interface DeviceAuthorizationOptions {
  /** Also open the verification page on this computer (the admin may be sitting here). */
  openBrowser: boolean;
  /** Scopes to ask for on top of the connection's own. */
  addScopes?: string[];
  /** Stop waiting after this long; default: when Zoho's code expires. */
  timeoutMs?: number;
  /** The code to show, the admin's message, and what happens while waiting. */
  onProgress?: (progress: DeviceAuthorizationProgress) => void;
  signal?: AbortSignal;
}

/** Where the client is registered: a device code must be asked for there (docs/zoho.md §4.7). */
function registeredAccountsUrl(connection: Connection): string {
  if (connection.custom) return connection.custom.accountsUrl;
  return connection.dc === 'custom'
    ? connection.accountsUrl
    : DATA_CENTRES[connection.dc].accountsUrl;
}

export function createDeviceGrant(context: GrantContext) {
  const { deps } = context;
  return {
    /**
     * The device flow of a Non-browser application: a code for the client's admin, then polling
     * until they accept (docs/zoho.md §4.7). The connection is changed only once tokens arrived.
     */
    async authorizeDeviceClient(
      nameOrId: string,
      options: DeviceAuthorizationOptions,
    ): Promise<Connection> {
      const connection = context.store.require(nameOrId);
      assertUsesDeviceFlow(connection);
      if (!deps.device) {
        throw inputError(
          'no_device_flow',
          'This part of Token Desk cannot run the device flow.',
          'Authorize the connection from the command line or the window.',
        );
      }
      const scopes = withAddedScopes(connection.scopes, options.addScopes);
      if (scopes.length === 0) {
        throw inputError(
          'missing_scopes',
          `"${connection.name}" names no scopes, and Zoho needs to know what the token may do.`,
          'Give its scopes, for example ZohoCRM.modules.ALL and AaaServer.profile.READ.',
          undefined,
          `token-desk authorize ${connection.name} --add-scopes ZohoCRM.modules.ALL,AaaServer.profile.READ`,
        );
      }
      const clientSecret = await context.requireClientSecret(connection);
      const outcome = await runDeviceAuthorization({
        device: deps.device,
        connection: {
          name: connection.name,
          // A new grant starts where the client is registered, not where an old grant lived.
          accountsUrl: registeredAccountsUrl(connection),
          clientId: connection.clientId,
          scopes,
          customAccountsUrl: connection.custom?.accountsUrl,
        },
        clientSecret,
        clock: context.clock,
        sleep: deps.sleep ?? realSleep,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        opener: deps.opener,
        openBrowser: options.openBrowser,
        onProgress: options.onProgress,
      });
      return context.finishAskedGrant(connection, scopes, outcome.tokens, {
        accountsUrl: outcome.accountsUrl,
        // Without other_dc the admin is in the DC where the client is registered.
        location: outcome.location ?? (connection.dc === 'custom' ? undefined : connection.dc),
      });
    },
  };
}
