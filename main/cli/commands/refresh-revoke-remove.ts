// `token-desk refresh`, `revoke` and `remove`: one connection's tokens renewed now, given back to
// Zoho, or the connection forgotten here. Each says that Zoho is contacted only when it really is.

import type { Command } from 'commander';
import { connectionSummary, hostOf, type CommandContext } from './command-context.js';

export function registerRefreshRevokeRemove(program: Command, ctx: CommandContext): void {
  onConnection(program, 'refresh', 'get a new access token now', async (name, command) => {
    const tokens = await ctx.services(command).tokens();
    // Printed only when Zoho is really asked: not for an unknown or blocked connection, nor when
    // another process has just refreshed it.
    const result = await tokens.refresh(name, {
      beforeZohoCall: (host) => ctx.progress(`Refreshing the access token at ${host}…`),
    });
    ctx.progress(`Refreshed ${connectionSummary(result.connection, Date.now())}.`);
  });

  onConnection(
    program,
    'revoke',
    'revoke the refresh token at Zoho and forget the tokens here',
    async (name, command) => {
      const services = ctx.services(command);
      const target = services.store.require(name);
      const connections = await services.connections();
      // Without a refresh token the use case refuses before any call: then say nothing about Zoho.
      const { vault } = await services.vault();
      if (await vault.connection(target.id).get('refresh_token')) {
        ctx.progress(`Revoking the refresh token at ${hostOf(target.accountsUrl)}…`);
      }
      const connection = await connections.revoke(name);
      ctx.progress(
        `Revoked. ${connection.name} keeps its client details; run token-desk authorize ${connection.name} to use it again.`,
      );
    },
  );

  onConnection(
    program,
    'remove',
    'forget a connection and its secrets on this computer (Zoho is not contacted)',
    async (name, command) => {
      const connections = await ctx.services(command).connections();
      const removed = await connections.remove(name);
      ctx.progress(
        `Removed ${removed.name}. Its grant stays valid at Zoho until revoked (Zoho Accounts > Sessions > Connected Apps).`,
      );
    },
  );
}

/** `token-desk <verb> <name>`: a command on one connection, with no options of its own. */
function onConnection(
  program: Command,
  verb: string,
  description: string,
  run: (name: string, command: Command) => Promise<void>,
): void {
  program
    .command(verb)
    .description(description)
    .argument('<name>')
    .action((name: string, _options, command: Command) => run(name, command));
}
