// A Self Client connection added and authorized with the real CLI on a browser-mode harness's home
// folder, the way a user sets one up in a terminal before opening the window.

import { expect } from 'vitest';
import type { BrowserModeHarness } from '../../support/browser-mode-harness.js';

export interface SelfClientCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * `token-desk add --type self` against the harness's simulator (the secret typed on stdin), then
 * `authorize` with a code the simulator issues for `scopes`; both must succeed. The client must be
 * registered with the simulator already.
 */
export async function addSelfClientWithCli(
  harness: BrowserModeHarness,
  client: SelfClientCredentials,
  name: string,
  scopes: readonly string[],
  options: { dc?: string } = {},
): Promise<void> {
  const { sim } = harness;
  const added = await harness.cli(
    [
      'add',
      name,
      ...(options.dc === undefined ? [] : ['--dc', options.dc]),
      '--client-id',
      client.clientId,
      '--type',
      'self',
      '--accounts-url',
      sim.accountsUrl,
      '--api-domain',
      sim.apiDomain,
    ],
    `${client.clientSecret}\n`,
  );
  expect(added.code, added.stderr).toBe(0);
  const { code } = sim.issueSelfClientCode({ clientId: client.clientId, scopes: [...scopes] });
  const authorized = await harness.cli(['authorize', name, '--code', code]);
  expect(authorized.code, authorized.stderr).toBe(0);
}
