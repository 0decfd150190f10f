// `token-desk import`: add and authorize a Self Client from the self_client.json the API Console
// downloads. The file and the new connection are checked before the line that says Zoho is
// contacted.

import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { inputError } from '../../core/errors.js';
import { DC_CODES } from '../../vocabulary/index.js';
import { hostOf, reportAuthorized, type CommandContext } from './command-context.js';

export function registerImport(program: Command, ctx: CommandContext): void {
  program
    .command('import')
    .description('add and authorize a Self Client from a downloaded self_client.json')
    .argument('<name>')
    .requiredOption('--self-client <file>', 'path of self_client.json')
    .addOption(
      new Option('--dc <code>', 'Zoho data centre of the console the file came from').choices([
        ...DC_CODES,
      ]),
    )
    .option('--accounts-url <url>', 'custom accounts server; needs --api-domain')
    .option('--api-domain <url>', 'custom API domain; needs --accounts-url')
    .action(async (name: string, options, command: Command) => {
      let text: string;
      try {
        text = await readFile(options.selfClient, 'utf8');
      } catch {
        throw inputError(
          'file_unreadable',
          `Cannot read ${options.selfClient}.`,
          'Check the path of the self_client.json you downloaded from the API Console.',
        );
      }
      const { checkSelfClientImport } = await import('../../core/connections/input-checks.js');
      const services = ctx.services(command);
      const where = {
        dc: options.dc,
        accountsUrl: options.accountsUrl,
        apiDomain: options.apiDomain,
      };
      const { draft } = checkSelfClientImport(services.store, name, text, where, Date.now());
      const connections = await services.connections();
      ctx.progress(`Exchanging the grant code from the file at ${hostOf(draft.accountsUrl)}…`);
      const connection = await connections.importSelfClient(name, text, where);
      reportAuthorized(ctx, 'Imported and authorized', connection);
      ctx.progress(
        `The file still holds your client secret: delete ${options.selfClient} or keep it somewhere safe.`,
      );
    });
}
