// Runs `token-desk request` through the window's use case (request-service.ts send, which keeps it
// in the history unless that is off): the status line and hints on stderr, the body on stdout,
// and an exit code from the status (4 for 4xx, 5 for 5xx). The method, body and headers are checked
// (core/requests/request-input.ts) before a token is fetched.

import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { inputError } from '../../core/errors.js';
import { isScopeMismatch } from '../../core/requests/api-answers.js';
import type { ApiResponse } from '../../core/requests/api-request.js';
import {
  checkHttpMethod,
  checkJsonBody,
  parseHeaderLine,
} from '../../core/requests/request-input.js';
import { EXIT } from '../exit-codes.js';
import type { CommandContext } from './command-context.js';

export interface RequestOptions {
  data?: string;
  header: string[];
  orgId?: string;
  product?: string;
  /** false with --no-history. */
  history: boolean;
}

export async function runRequest(
  ctx: CommandContext,
  command: Command,
  name: string,
  method: string,
  pathOrUrl: string,
  options: RequestOptions,
): Promise<void> {
  const upper = checkHttpMethod(method);
  const body = options.data === undefined ? undefined : await readBody(options.data);
  if (body !== undefined) checkJsonBody(body);
  const headers = options.header.map(parseHeaderLine);
  const product =
    options.product === undefined
      ? undefined
      : (await import('../../core/catalog/index.js')).requireProduct(options.product).id;
  // The window's use case: the request is kept in the history as Send keeps it, unless the
  // history is off (the setting) or --no-history.
  const requests = await ctx.services(command).requests();
  const response = await requests.send(
    name,
    { method: upper, pathOrUrl, query: [], headers, body, orgId: options.orgId, product },
    { history: options.history },
  );
  const note = response.retriedAfterRefresh ? ', after refreshing the token' : '';
  ctx.progress(
    `${response.status} ${response.statusText} (${response.durationMs} ms, ${response.sizeBytes} B${note})`,
  );
  for (const hint of await responseHints(name, upper, response)) ctx.progress(hint);
  ctx.out(
    response.body.endsWith('\n') || response.body === '' ? response.body : response.body + '\n',
  );
  if (response.status >= 500) ctx.outcome.exitCode = EXIT.network;
  else if (response.status >= 400) ctx.outcome.exitCode = EXIT.refused;
}

/** --data: the JSON text itself, or @file for a file's content. */
async function readBody(data: string): Promise<string> {
  if (!data.startsWith('@')) return data;
  const path = data.slice(1);
  return readFile(path, 'utf8').catch(() => {
    throw inputError('file_unreadable', `Cannot read ${path}.`, 'Check the path after @.');
  });
}

/** What to do after an API refused: the missing scope, or the missing organization context. */
async function responseHints(
  name: string,
  method: string,
  response: ApiResponse,
): Promise<string[]> {
  if (response.status < 400) return [];
  const catalog = await import('../../core/catalog/index.js');
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
