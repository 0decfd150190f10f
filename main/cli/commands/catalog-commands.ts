// `token-desk products` and `token-desk scopes`. The catalog data is loaded only when one of these
// commands runs, so that `token-desk token` starts without parsing it.

import type { Command } from 'commander';
import type { CatalogCommandsIo } from './catalog-output.js';

export type { CatalogCommandsIo } from './catalog-output.js';

const loadOutput = () => import('./catalog-output.js');

export function registerCatalogCommands(program: Command, io: CatalogCommandsIo): void {
  program
    .command('products')
    .description(
      'list the Zoho products Token Desk knows: scope prefix, API root, data centres, organization context',
    )
    .option('--json', 'print JSON for scripts')
    .action(async (options: { json?: boolean }) =>
      (await loadOutput()).printProducts(io, options.json === true),
    );

  program
    .command('scopes')
    .description('list Zoho scopes with their operations, sensitivity and a plain description')
    .option('--product <id>', 'only this product (see token-desk products)')
    .option(
      '--search <words>',
      'only scopes whose name, description or product matches all the words',
    )
    .option('--json', 'print JSON for scripts')
    .action(async (options: { product?: string; search?: string; json?: boolean }) =>
      (await loadOutput()).printScopes(io, options),
    );
}
