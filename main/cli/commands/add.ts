// `token-desk add`: a new connection from its client details; the client secret from stdin or a
// prompt without echo, asked for only after everything else was checked.

import { Option, type Command } from 'commander';
import type { NewConnectionInput } from '../../core/connections/new-connection.js';
import { inputError } from '../../core/errors.js';
import { DC_CODES } from '../../vocabulary/index.js';
import { readSecret } from '../secret-input.js';
import { splitScopes, type CommandContext } from './command-context.js';

const CLIENT_TYPE_LABELS = {
  self: 'Self Client',
  server: 'server-based',
  device: 'Non-browser application',
} as const;

export function registerAdd(program: Command, ctx: CommandContext): void {
  program
    .command('add')
    .description(
      'add a connection (the client secret is read from stdin, or asked for without echo)',
    )
    .argument('<name>', 'a short name, e.g. acme-crm-eu')
    .addOption(new Option('--dc <code>', 'Zoho data centre').choices([...DC_CODES]))
    .requiredOption('--client-id <id>', 'Client ID from the Zoho API Console')
    .addOption(
      new Option('--type <type>', 'client type')
        .choices(['self', 'server', 'device'])
        .makeOptionMandatory(),
    )
    .option('--scopes <list>', 'comma-separated scopes (required for --type server and device)')
    .option(
      '--redirect-uri <uri>',
      'server clients: the loopback redirect URI registered in the console (default http://localhost:53134/callback)',
    )
    .option(
      '--accounts-url <url>',
      'custom accounts server (proxy or test server); needs --api-domain',
    )
    .option('--api-domain <url>', 'custom API domain; needs --accounts-url')
    .option(
      '--client-credentials',
      'Self Client: get tokens with the client-credentials grant (no grant code, no refresh token)',
    )
    .option(
      '--soid <service.org-id>',
      'with --client-credentials: the organization, e.g. ZohoCRM.600000000 (for products with several organizations)',
    )
    .option('--org <label>', 'client-organization label, for grouping')
    .action(async (name: string, options, command: Command) => {
      const services = ctx.services(command);
      const input: NewConnectionInput = {
        name,
        dc: options.dc,
        clientId: options.clientId,
        clientType: options.type,
        scopes: splitScopes(options.scopes),
        redirectUri: options.redirectUri,
        accountsUrl: options.accountsUrl,
        apiDomain: options.apiDomain,
        org: options.org,
        ...clientCredentialsInput(options),
      };
      // Everything but the secret is checked before the secret is asked for: nobody should type
      // it only to learn that the name was taken.
      const { checkNewConnection } = await import('../../core/connections/input-checks.js');
      const { redirectUriWarnings } = await import('../../core/connections/new-connection.js');
      checkNewConnection(services.store, input, Date.now());
      const secret = await readSecret(ctx.io, 'Client secret (input hidden):');
      const connections = await services.connections();
      const connection = await connections.add(input, secret);
      const next = connection.clientCredentials
        ? `token-desk token ${connection.name} (no grant code needed)`
        : connection.clientType === 'self'
          ? `token-desk authorize ${connection.name} --code <grant code>`
          : `token-desk authorize ${connection.name}`;
      const kind = connection.clientCredentials
        ? `Self Client, client credentials${connection.clientCredentials.soid ? ` for ${connection.clientCredentials.soid}` : ''}`
        : CLIENT_TYPE_LABELS[connection.clientType];
      ctx.progress(
        `Added ${connection.name} (${connection.dc.toUpperCase()}, ${kind}). Next: ${next}`,
      );
      if (connection.redirectUri)
        ctx.progress(
          `Register this exact redirect URI in the Zoho API Console: ${connection.redirectUri}`,
        );
      for (const warning of redirectUriWarnings(connection.redirectUri)) ctx.warn(warning);
    });
}

/** --client-credentials [--soid]; a --soid alone is refused, since only that grant uses it. */
function clientCredentialsInput(options: {
  clientCredentials?: boolean;
  soid?: string;
}): Pick<NewConnectionInput, 'clientCredentials'> {
  if (options.clientCredentials) return { clientCredentials: { soid: options.soid } };
  if (options.soid !== undefined) {
    throw inputError(
      'unexpected_soid',
      'An organization (soid) is used only by the client-credentials grant.',
      'Add --client-credentials to get tokens without a grant code, or leave out --soid.',
      undefined,
      '--type self --client-credentials --soid ZohoCRM.<org id>',
    );
  }
  return {};
}
