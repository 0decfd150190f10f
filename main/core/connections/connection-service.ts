// The connection use cases shared by every shell (CLI, desktop, browser mode): add, authorize
// (Self Client code, self_client.json, server-based loopback flow, device flow, client
// credentials), revoke, remove, export.
// It composes the store, the vault, the OAuth client and the token manager; it never formats
// output, and nothing stored is lost when an operation fails. Each grant path has a module of its
// own; what they share (the context, the records, the grant-type guards) is in grant-context.ts,
// connection-records.ts and grant-guards.ts.

import { createClientCredentialsGrant } from './client-credentials-grant.js';
import { createConnectionRecords } from './connection-records.js';
import { createConnectionUpkeep } from './connection-upkeep.js';
import { createDeviceGrant } from './device-grant.js';
import { createGrantContext, type ConnectionServiceDeps } from './grant-context.js';
import { createSelfClientGrant } from './self-client-grant.js';
import { createServerSignIn } from './server-sign-in.js';

export type { ConnectionServiceDeps } from './grant-context.js';
export type { DeviceAuthorizationOptions } from './device-grant.js';
export type { ServerAuthorizationOptions } from './server-sign-in.js';
export type { SelfClientAuthorizationOptions } from './self-client-grant.js';

export type ConnectionService = ReturnType<typeof createConnectionService>;

export function createConnectionService(deps: ConnectionServiceDeps) {
  const context = createGrantContext(deps);
  const records = createConnectionRecords(context);
  return {
    ...records,
    ...createSelfClientGrant(context, records),
    ...createClientCredentialsGrant(context),
    ...createServerSignIn(context),
    ...createDeviceGrant(context),
    ...createConnectionUpkeep(context),
  };
}
