// The token-desk command line: parses arguments (commander), runs one core use case, prints the
// result, and maps every failure to one line on stderr (cause and remedy) and an exit code.
//
// Order inside a command: check everything that can be checked locally first (arguments, the
// connection, the self_client.json), then ask for a secret or print that Zoho is being contacted.
// A progress line never claims a call that a validation error then prevents.

import { Command, Option, type CommanderError } from 'commander';
import { readFile } from 'node:fs/promises';
import { inputError } from '../core/errors.js';
import {
  DC_CODES,
  HTTP_METHODS_TEXT,
  compareNatural,
  hostOf,
  splitScopes,
} from '../vocabulary/index.js';
import { parseExportFormat } from '../core/connections/export-connection.js';
import type { NewConnectionInput } from '../core/connections/new-connection.js';
import type { Connection } from '../core/store/connection.js';
import type { ApiResponse } from '../core/requests/api-request.js';
import { isScopeMismatch } from '../core/requests/api-answers.js';
import { createCliContext, type CliContext } from './cli-context.js';
import { writeLine, type CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { readSecret } from './secret-input.js';
import { relativeTime, table } from './format.js';
import { registerCatalogCommands } from './commands/catalog-commands.js';
import {
  describeSeconds,
  parseHttpMethod,
  parseSeconds,
  parseTimeoutSeconds,
} from './arguments.js';
import {
  CliUsageError,
  connectionsBackupNote,
  reportError,
  vaultBackupNote,
} from './error-report.js';

const TOKEN_FORMATS = ['bare', 'header', 'json'] as const;

// Loaded by the commands that need them: `token-desk token` must not parse zod or the catalog.
const newConnection = () => import('../core/connections/new-connection.js');
const selfClientFile = () => import('../core/auth/self-client-file.js');
const connectionRecord = () => import('../core/store/connection.js');
const DEFAULT_AUTHORIZATION_TIMEOUT_SECONDS = 300;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseHeader(text: string): [string, string] {
  const index = text.indexOf(':');
  if (index <= 0)
    throw inputError(
      'bad_header',
      `The header "${text}" is not of the form 'Name: value'.`,
      `For example --header 'orgId: 12345'.`,
    );
  return [text.slice(0, index).trim(), text.slice(index + 1).trim()];
}

function connectionSummary(connection: Connection, now: number): string {
  const where = connection.location ?? connection.dc;
  const who = connection.user?.email ? ` as ${connection.user.email}` : '';
  const expiry = connection.accessTokenExpiresAt
    ? `; access token valid ${relativeTime(connection.accessTokenExpiresAt, now)}`
    : '';
  return `${connection.name} (${where.toUpperCase()})${who}${expiry}`;
}

/** What to do after an API refused: the missing scope, or the missing organization context. */
async function responseHints(
  name: string,
  method: string,
  response: ApiResponse,
): Promise<string[]> {
  if (response.status < 400) return [];
  const catalog = await import('../core/catalog/index.js');
  const hints: string[] = [];
  if (isScopeMismatch(response.status, response.body)) {
    const needed = catalog.requiredScopeFor(response.product, method, response.url);
    hints.push(
      needed
        ? `The token lacks the scope for this URL: it needs ${needed.scope}${needed.confirmed ? '' : ' (unverified)'}. Server client: token-desk authorize ${name} --add-scopes ${needed.scope}. Self Client: generate a new code that includes it.`
        : 'The token lacks a scope for this URL. Authorize again with the scope this API needs (token-desk scopes --search <product> lists them).',
    );
  }
  const context = response.product ? catalog.orgContextFor(response.product) : undefined;
  if (context && !response.orgContextApplied && context.kind !== 'path') {
    const find = context.discovery
      ? ` Find it with: token-desk request ${name} GET ${context.discovery.path}`
      : '';
    hints.push(
      `This API expects its ${context.label} (${context.name}); pass it with --org-id <id>.${find}`,
    );
  }
  return hints;
}

export interface CommandOutcome {
  exitCode: number;
}

export function buildProgram(
  io: CliIo,
  contextFor: (home: string | undefined) => CliContext,
  outcome: CommandOutcome,
): Command {
  const program = new Command('token-desk');
  const out = (text: string) => io.stdout.write(text);
  const progress = (text: string) => writeLine(io.stderr, text);
  const warn = (text: string) => writeLine(io.stderr, `Warning: ${text}`);
  const reportAuthorized = (verb: string, connection: Connection) => {
    progress(`${verb} ${connectionSummary(connection, Date.now())}.`);
    const scopes = connection.grantedScopes ?? connection.scopes;
    if (scopes.length) progress(`Scopes: ${scopes.join(', ')}`);
  };
  const ctx = (command: Command) =>
    contextFor(command.optsWithGlobals().home as string | undefined);

  program
    .description('Get, keep and use Zoho OAuth tokens.')
    .option(
      '--home <dir>',
      'folder for connections and the vault (default: $TOKEN_DESK_HOME or the OS app-data folder)',
    )
    .addHelpText(
      'after',
      '\nVault: the OS keyring by default; set TOKEN_DESK_PASSPHRASE to use a passphrase instead (headless machines, CI).\n' +
        'Exit codes: 0 ok, 2 usage or bad input, 3 needs (re-)authorization, 4 Zoho refused, 5 network or server failure.',
    )
    .showHelpAfterError(false)
    // Commander's own error lines are replaced by one line of ours (error-report.ts); help that
    // was asked for goes to stdout.
    .configureOutput({ writeOut: out, writeErr: () => undefined, outputError: () => undefined });

  program
    .command('add')
    .description(
      'add a connection (the client secret is read from stdin, or asked for without echo)',
    )
    .argument('<name>', 'a short name, e.g. acme-crm-eu')
    .addOption(new Option('--dc <code>', 'Zoho data centre').choices([...DC_CODES]))
    .requiredOption('--client-id <id>', 'Client ID from the Zoho API Console')
    .addOption(
      new Option('--type <type>', 'client type').choices(['self', 'server']).makeOptionMandatory(),
    )
    .option('--scopes <list>', 'comma-separated scopes (required for --type server)')
    .option(
      '--redirect-uri <uri>',
      'server clients: the loopback redirect URI registered in the console (default http://localhost:53134/callback)',
    )
    .option(
      '--accounts-url <url>',
      'custom accounts server (proxy or test server); needs --api-domain',
    )
    .option('--api-domain <url>', 'custom API domain; needs --accounts-url')
    .option('--org <label>', 'client-organization label, for grouping')
    .action(async (name: string, options, command: Command) => {
      const context = ctx(command);
      const input: NewConnectionInput = {
        name,
        dc: options.dc,
        clientId: options.clientId,
        clientType: options.type,
        scopes: options.scopes === undefined ? undefined : splitScopes(options.scopes),
        redirectUri: options.redirectUri,
        accountsUrl: options.accountsUrl,
        apiDomain: options.apiDomain,
        org: options.org,
      };
      // Everything but the secret is checked before the secret is asked for: nobody should type
      // it only to learn that the name was taken.
      const { buildConnection, redirectUriWarnings } = await newConnection();
      const draft = buildConnection(input, Date.now());
      const existing = context.store.find(draft.name);
      if (existing) throw (await connectionRecord()).duplicateConnectionError(existing.name);
      const secret = await readSecret(io, 'Client secret (input hidden):');
      const connections = await context.connections();
      const connection = await connections.add(input, secret);
      const next =
        connection.clientType === 'self'
          ? `token-desk authorize ${connection.name} --code <grant code>`
          : `token-desk authorize ${connection.name}`;
      progress(
        `Added ${connection.name} (${connection.dc.toUpperCase()}, ${connection.clientType === 'self' ? 'Self Client' : 'server-based'}). Next: ${next}`,
      );
      if (connection.redirectUri)
        progress(
          `Register this exact redirect URI in the Zoho API Console: ${connection.redirectUri}`,
        );
      for (const warning of redirectUriWarnings(connection.redirectUri)) warn(warning);
    });

  program
    .command('authorize')
    .description(
      'authorize a connection: a Self Client with --code, a server client through the browser',
    )
    .argument('<name>')
    .option(
      '--code <grant-code>',
      'Self Client: the code from API Console > Self Client > Generate Code',
    )
    .option('--no-open', 'server client: do not open the browser; just print the address')
    .option(
      '--timeout <seconds>',
      `server client: how long to wait for the browser, 1-3600 (default ${DEFAULT_AUTHORIZATION_TIMEOUT_SECONDS})`,
      parseTimeoutSeconds('--timeout'),
    )
    .option(
      '--add-scopes <list>',
      'server client: ask for these scopes too (e.g. the one an API said was missing)',
    )
    .action(async (name: string, options, command: Command) => {
      const connections = await ctx(command).connections();
      const target = connections.get(name);
      let connection: Connection;
      if (options.code !== undefined) {
        // Only when the exchange will really happen: a server client or an empty code is refused
        // by the use case before any call.
        if (target.clientType === 'self' && options.code.trim() !== '')
          progress(`Exchanging the grant code at ${hostOf(target.accountsUrl)}…`);
        connection = await connections.authorizeSelfClient(name, options.code);
      } else if (target.clientType === 'self') {
        if (options.addScopes)
          throw inputError(
            'wrong_client_type',
            `"${target.name}" is a Self Client: its scopes are chosen when you generate the code.`,
            'Generate a new code with all the scopes in the API Console, then authorize with that code.',
            undefined,
            `token-desk authorize ${target.name} --code <grant code>`,
          );
        throw inputError(
          'missing_code',
          `"${target.name}" is a Self Client: it needs a grant code.`,
          'Generate one in the API Console (Self Client > Generate Code) and authorize with it.',
          undefined,
          `token-desk authorize ${target.name} --code <grant code>`,
        );
      } else {
        const timeoutSeconds = options.timeout ?? DEFAULT_AUTHORIZATION_TIMEOUT_SECONDS;
        const timeoutMs = timeoutSeconds * 1000;
        connection = await connections.authorizeServerClient(name, {
          openBrowser: options.open !== false,
          addScopes: options.addScopes === undefined ? undefined : splitScopes(options.addScopes),
          timeoutMs,
          onAuthorizationUrl: (url) => {
            progress(
              `Open this address to sign in to Zoho and allow access (waiting up to ${describeSeconds(timeoutSeconds)}):`,
            );
            progress(url);
          },
        });
      }
      reportAuthorized('Authorized', connection);
    });

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
      // The file and the new connection are checked before the line that says Zoho is contacted.
      const { assertSelfClientCodeFresh, parseSelfClientFile } = await selfClientFile();
      const { buildConnection } = await newConnection();
      const file = parseSelfClientFile(text);
      assertSelfClientCodeFresh(file, Date.now());
      const context = ctx(command);
      const where = {
        dc: options.dc,
        accountsUrl: options.accountsUrl,
        apiDomain: options.apiDomain,
      };
      const draft = buildConnection(
        { name, ...where, clientId: file.clientId, clientType: 'self', scopes: file.scopes },
        Date.now(),
      );
      const existing = context.store.find(draft.name);
      if (existing) throw (await connectionRecord()).duplicateConnectionError(existing.name);
      const connections = await context.connections();
      progress(`Exchanging the grant code from the file at ${hostOf(draft.accountsUrl)}…`);
      const connection = await connections.importSelfClient(name, text, where);
      reportAuthorized('Imported and authorized', connection);
      progress(
        `The file still holds your client secret: delete ${options.selfClient} or keep it somewhere safe.`,
      );
    });

  program
    .command('token')
    .description('print a valid access token (refreshing it when needed)')
    .argument('<name>')
    .option(
      '--min-valid <seconds>',
      'refresh when fewer seconds than this remain (default 300)',
      parseSeconds('--min-valid'),
    )
    .addOption(
      new Option('--format <format>', 'bare token, an Authorization header, or JSON')
        .choices([...TOKEN_FORMATS])
        .default('bare'),
    )
    .action(async (name: string, options, command: Command) => {
      const tokens = await ctx(command).tokens();
      const result = await tokens.getAccessToken(name, {
        minValidSeconds: options.minValid ?? 300,
      });
      if (options.format === 'header')
        writeLine(io.stdout, `Authorization: Zoho-oauthtoken ${result.accessToken}`);
      else if (options.format === 'json') {
        writeLine(
          io.stdout,
          JSON.stringify({
            access_token: result.accessToken,
            token_type: 'Zoho-oauthtoken',
            expires_at: new Date(result.expiresAt).toISOString(),
            expires_in: Math.max(0, Math.floor((result.expiresAt - Date.now()) / 1000)),
            api_domain: result.apiDomain,
          }),
        );
      } else writeLine(io.stdout, result.accessToken);
    });

  program
    .command('refresh')
    .description('get a new access token now')
    .argument('<name>')
    .action(async (name: string, _options, command: Command) => {
      const tokens = await ctx(command).tokens();
      // Printed only when Zoho is really asked: not for an unknown or blocked connection, nor when
      // another process has just refreshed it.
      const result = await tokens.refresh(name, {
        beforeZohoCall: (host) => progress(`Refreshing the access token at ${host}…`),
      });
      progress(`Refreshed ${connectionSummary(result.connection, Date.now())}.`);
    });

  program
    .command('revoke')
    .description('revoke the refresh token at Zoho and forget the tokens here')
    .argument('<name>')
    .action(async (name: string, _options, command: Command) => {
      const context = ctx(command);
      const target = context.store.require(name);
      const connections = await context.connections();
      // Without a refresh token the use case refuses before any call: then say nothing about Zoho.
      const { vault } = await context.vault();
      const { VAULT_SERVICE, secretAccount } = await connectionRecord();
      if (await vault.getPassword(VAULT_SERVICE, secretAccount(target.id, 'refresh_token'))) {
        progress(`Revoking the refresh token at ${hostOf(target.accountsUrl)}…`);
      }
      const connection = await connections.revoke(name);
      progress(
        `Revoked. ${connection.name} keeps its client details; run token-desk authorize ${connection.name} to use it again.`,
      );
    });

  program
    .command('remove')
    .description('forget a connection and its secrets on this computer (Zoho is not contacted)')
    .argument('<name>')
    .action(async (name: string, _options, command: Command) => {
      const connections = await ctx(command).connections();
      const removed = await connections.remove(name);
      progress(
        `Removed ${removed.name}. Its grant stays valid at Zoho until revoked (Zoho Accounts > Sessions > Connected Apps).`,
      );
    });

  program
    .command('list')
    .description('list connections (never prints a secret)')
    .option('--json', 'machine-readable output')
    .action(async (options, command: Command) => {
      const context = ctx(command);
      // By name, in natural order (client-9 before client-10), as the window's sidebar lists them.
      const list = context.store.list().sort((a, b) => compareNatural(a.name, b.name));
      const now = Date.now();
      // A store file moved aside as corrupt explains an empty (or short) list: say so every time.
      const backups = context.corruptBackups();
      const notes = [connectionsBackupNote(backups), vaultBackupNote(backups)].filter(
        (n): n is string => n !== undefined,
      );
      for (const note of notes) progress(note);
      if (options.json) {
        const view = list.map((c) => ({
          name: c.name,
          dc: c.dc,
          location: c.location,
          type: c.clientType,
          status: c.status,
          client_id: c.clientId,
          accounts_url: c.accountsUrl,
          api_domain: c.apiDomain,
          scopes: c.grantedScopes ?? c.scopes,
          user: c.user,
          org: c.org,
          access_token_expires_at: c.accessTokenExpiresAt
            ? new Date(c.accessTokenExpiresAt).toISOString()
            : null,
        }));
        writeLine(io.stdout, JSON.stringify(view, null, 2));
        return;
      }
      if (list.length === 0) {
        if (backups.connections.length === 0)
          progress(
            'No connections yet. Add one with: token-desk add <name> --dc <dc> --client-id <id> --type <self|server>',
          );
        return;
      }
      out(
        table(
          ['NAME', 'DC', 'TYPE', 'STATUS', 'USER', 'ACCESS TOKEN'],
          list.map((c) => [
            c.name,
            (c.location ?? c.dc).toUpperCase(),
            c.clientType,
            c.status,
            c.user?.email ?? c.org ?? '',
            c.accessTokenExpiresAt
              ? c.accessTokenExpiresAt > now
                ? `valid ${relativeTime(c.accessTokenExpiresAt, now)}`
                : 'expired'
              : '-',
          ]),
        ),
      );
    });

  program
    .command('request')
    .description(
      "send an API request with the connection's token; status on stderr, body on stdout",
    )
    .argument('<name>')
    .argument('<method>', HTTP_METHODS_TEXT)
    .argument('<path-or-url>', "path relative to the connection's api_domain, e.g. /crm/v8/org")
    .option('--data <json>', 'request body: JSON text, or @file')
    .option('--header <header>', "extra header 'Name: value' (repeatable)", collect, [] as string[])
    .option(
      '--org-id <id>',
      "the product's organization context (Books organization_id, Desk orgId, Analytics ZANALYTICS-ORGID, ...)",
    )
    .option(
      '--product <id>',
      'the product the path is for (see token-desk products); needed where products share paths, e.g. desk or sign for /api/v1/',
    )
    .action(async (name: string, method: string, pathOrUrl: string, options, command: Command) => {
      const upper = parseHttpMethod(method);
      let body: string | undefined;
      if (options.data !== undefined) {
        body = options.data.startsWith('@')
          ? await readFile(options.data.slice(1), 'utf8').catch(() => {
              throw inputError(
                'file_unreadable',
                `Cannot read ${options.data.slice(1)}.`,
                'Check the path after @.',
              );
            })
          : options.data;
        try {
          JSON.parse(body!);
        } catch (error) {
          throw inputError(
            'bad_json',
            `The request body is not valid JSON (${(error as Error).message}).`,
            'Fix the JSON, or put it in a file and pass --data @file.json.',
          );
        }
      }
      const headers = (options.header as string[]).map(parseHeader);
      const product =
        options.product === undefined
          ? undefined
          : (await import('../core/catalog/index.js')).requireProduct(options.product).id;
      const runner = await ctx(command).requests();
      const response = await runner.run(name, {
        method: upper,
        pathOrUrl,
        headers,
        body,
        orgId: options.orgId,
        product,
      });
      const note = response.retriedAfterRefresh ? ', after refreshing the token' : '';
      progress(
        `${response.status} ${response.statusText} (${response.durationMs} ms, ${response.sizeBytes} B${note})`,
      );
      for (const hint of await responseHints(name, upper, response)) progress(hint);
      out(
        response.body.endsWith('\n') || response.body === '' ? response.body : response.body + '\n',
      );
      if (response.status >= 500) outcome.exitCode = EXIT.network;
      else if (response.status >= 400) outcome.exitCode = EXIT.refused;
    });

  program
    .command('export')
    .description(
      'export a connection as .env, JSON or a Postman environment (secrets only on request)',
    )
    .argument('<name>')
    .requiredOption('--format <format>', 'env, json or postman', parseExportFormat)
    .option('--include-secrets', 'include the client secret, refresh token and access token')
    .action(async (name: string, options, command: Command) => {
      const connections = await ctx(command).connections();
      out(
        await connections.export(name, options.format, {
          includeSecrets: options.includeSecrets === true,
        }),
      );
      if (options.includeSecrets)
        progress('This output contains secrets: keep it out of version control and chat.');
      else progress('Secrets are not included; add --include-secrets to include them.');
    });

  registerCatalogCommands(program, { stdout: out });
  return program;
}

export interface CliExtensions {
  version?: string;
  /** Adds commands that live outside the CLI shell (the entry point adds `ui`). */
  extend?: (program: Command, contextFor: (home: string | undefined) => CliContext) => void;
  /** Builds the services for a home folder; tests pass fakes. Default: createCliContext. */
  createContext?: (io: CliIo, home: string | undefined) => CliContext;
}

/**
 * Makes every commander error of a command throw a CliUsageError that knows the command, so the
 * one usage line can point at the right `--help`.
 */
function tagUsageErrors(command: Command, path: string): void {
  const subcommands = command.commands.map((sub) => sub.name());
  command.exitOverride((error: CommanderError) => {
    throw new CliUsageError(error, path, subcommands);
  });
  for (const sub of command.commands) tagUsageErrors(sub, `${path} ${sub.name()}`);
}

/**
 * Commander checks required options before the arguments, so `token-desk add` alone would first
 * complain about --client-id, not about the missing name. The required options of each command
 * are checked in a preAction hook instead, which commander runs after the arguments were checked;
 * the error is the one commander would have raised.
 */
function checkArgumentsBeforeRequiredOptions(command: Command): void {
  const required = command.options.filter((option) => option.mandatory);
  if (required.length > 0) {
    for (const option of required) option.makeOptionMandatory(false);
    command.hook('preAction', (hooked) => {
      for (const option of required) {
        if (hooked.getOptionValue(option.attributeName()) === undefined) {
          hooked.error(`error: required option '${option.flags}' not specified`, {
            code: 'commander.missingMandatoryOptionValue',
          });
        }
      }
    });
  }
  for (const sub of command.commands) checkArgumentsBeforeRequiredOptions(sub);
}

/** Runs one command line; resolves to the exit code. Never throws. */
export async function runCli(
  argv: string[],
  io: CliIo,
  extensions: CliExtensions = {},
): Promise<number> {
  const contexts = new Map<string, CliContext>();
  const createContext = extensions.createContext ?? createCliContext;
  const contextFor = (home: string | undefined) => {
    const key = home ?? '';
    let context = contexts.get(key);
    if (!context) contexts.set(key, (context = createContext(io, home)));
    return context;
  };
  const outcome: CommandOutcome = { exitCode: EXIT.ok };
  const program = buildProgram(io, contextFor, outcome);
  if (extensions.version) program.version(extensions.version, '-V, --version');
  extensions.extend?.(program, contextFor);
  checkArgumentsBeforeRequiredOptions(program);
  tagUsageErrors(program, 'token-desk');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return outcome.exitCode;
  } catch (error) {
    // The backups of the home the command ran on (there is one context per run in practice).
    const backups = () => {
      const [context] = contexts.values();
      return context?.corruptBackups();
    };
    return reportError(io, error, backups);
  }
}
