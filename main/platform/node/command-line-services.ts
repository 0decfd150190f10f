// The command line's app services for one home in plain Node: the home's ports (node-ports.ts)
// with the vault's one cipher chosen from the environment (node-vault.ts). What the CLI runs on;
// tests, the benchmark and the screenshot script use it to prepare a home as the CLI would.

import { createAppServices, type AppServices } from '../../core/app-services.js';
import { nodeAppPorts, type NodePortsOptions } from './node-ports.js';
import { commandLineVault, type NodeVaultOptions } from './node-vault.js';

export type CommandLineServicesOptions = NodePortsOptions & NodeVaultOptions;

export function createCommandLineServices(options: CommandLineServicesOptions): AppServices {
  return createAppServices({ ...nodeAppPorts(options), vault: commandLineVault(options) });
}
