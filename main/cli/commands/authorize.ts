// `token-desk authorize`: a Self Client with the grant code from the API Console, a server client
// through the browser and the loopback redirect, a Non-browser application with the device flow
// (the code and a message for the client's admin on stderr, then waiting while they accept).

import type { Command } from 'commander';
import type { Connection } from '../../core/store/connection.js';
import { describeSeconds, parseTimeoutSeconds } from '../arguments.js';
import { hostOf, reportAuthorized, splitScopes, type CommandContext } from './command-context.js';
import { reportDeviceProgress } from './device-progress.js';

const DEFAULT_AUTHORIZATION_TIMEOUT_SECONDS = 300;

export function registerAuthorize(program: Command, ctx: CommandContext): void {
  program
    .command('authorize')
    .description(
      'authorize a connection: a Self Client with --code, a server client through the browser, a Non-browser application with a code for the admin',
    )
    .argument('<name>')
    .option(
      '--code <grant-code>',
      'Self Client: the code from API Console > Self Client > Generate Code',
    )
    .option('--no-open', 'server or device client: do not open the browser; just print the address')
    .option(
      '--timeout <seconds>',
      `server client: how long to wait for the browser, 1-3600 (default ${DEFAULT_AUTHORIZATION_TIMEOUT_SECONDS}); device client: for the admin (default: until the code expires)`,
      parseTimeoutSeconds('--timeout'),
    )
    .option(
      '--add-scopes <list>',
      'server or device client: ask for these scopes too (e.g. the one an API said was missing)',
    )
    .action(async (name: string, options, command: Command) => {
      const connections = await ctx.services(command).connections();
      const checks = await import('../../core/connections/input-checks.js');
      const target = connections.get(name);
      let connection: Connection;
      // Before anything is minted: a sign-in that would push out the 21st refresh token.
      const limitWarning = () => {
        const warning = connections.refreshTokenLimitWarning(target.id);
        if (warning) ctx.warn(warning);
      };
      if (options.code !== undefined) {
        if (checks.willExchangeCode(target, options.code)) limitWarning();
        // Only when the exchange will really happen: a server client or an empty code is refused
        // by the use case before any call.
        if (checks.willExchangeCode(target, options.code))
          ctx.progress(`Exchanging the grant code at ${hostOf(target.accountsUrl)}…`);
        connection = await connections.authorizeSelfClient(name, options.code);
      } else if (target.clientType === 'device') {
        limitWarning();
        connection = await connections.authorizeDeviceClient(name, {
          openBrowser: options.open !== false,
          addScopes: splitScopes(options.addScopes),
          timeoutMs: options.timeout === undefined ? undefined : options.timeout * 1000,
          // Said when the request really goes out: checks of the scopes or the secret come first.
          onProgress: (progress) =>
            progress.step === 'requesting-code'
              ? ctx.progress(
                  `Asking ${hostOf(progress.accountsUrl)} for a code for ${target.name}…`,
                )
              : reportDeviceProgress(ctx, progress),
        });
      } else if (target.clientCredentials) {
        checks.assertAuthorizableWithoutCode(target, { addScopes: Boolean(options.addScopes) });
        connection = await connections.authorizeClientCredentials(name, {
          beforeZohoCall: (host) =>
            ctx.progress(`Asking ${host} for an access token (client credentials)…`),
        });
      } else {
        checks.assertAuthorizableWithoutCode(target, { addScopes: Boolean(options.addScopes) });
        // --add-scopes on a signed-in connection extends its grant and mints nothing; a fallback
        // to a full sign-in warns then.
        if (!options.addScopes || target.status !== 'ready') limitWarning();
        const timeoutSeconds = options.timeout ?? DEFAULT_AUTHORIZATION_TIMEOUT_SECONDS;
        connection = await connections.authorizeServerClient(name, {
          openBrowser: options.open !== false,
          addScopes: splitScopes(options.addScopes),
          timeoutMs: timeoutSeconds * 1000,
          onProgress: (progress) => {
            if (progress.step === 'scope-enhancement')
              ctx.progress(
                `Asking ${hostOf(target.accountsUrl)} to add the scopes to the existing grant (its refresh token stays)…`,
              );
            else if (progress.step === 'full-sign-in') {
              ctx.warn(
                `${progress.reason}; signing in again with all the scopes instead. This makes a new refresh token.`,
              );
              limitWarning();
            }
          },
          onAuthorizationUrl: (url) => {
            ctx.progress(
              `Open this address to sign in to Zoho and allow access (waiting up to ${describeSeconds(timeoutSeconds)}):`,
            );
            ctx.progress(url);
          },
        });
      }
      reportAuthorized(ctx, 'Authorized', connection);
    });
}
