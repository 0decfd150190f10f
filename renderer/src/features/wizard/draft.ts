// The new-connection wizard's form state, its checks (the core checks again; these only give
// early, field-level feedback) and its translation into connections.add parameters.

import type { ConnectionView, Params } from '../../../../main/rpc/contract.js';
import type { DcCode } from '../../lib/data-centres.js';
import { DEFAULT_REDIRECT_URI } from '../../lib/data-centres.js';
import { CONNECTION_NAME_PATTERN } from '../../../../main/vocabulary/index.js';

export interface WizardDraft {
  name: string;
  dc: DcCode;
  clientType: 'self' | 'server' | 'device';
  clientId: string;
  clientSecret: string;
  org: string;
  environment: ConnectionView['environment'];
  /** Advanced: a custom accounts URL + API domain pair (proxy, test server), and redirect URI. */
  accountsUrl: string;
  apiDomain: string;
  redirectUri: string;
  /** Scopes chosen from the catalog or a self_client.json file. */
  pickedScopes: string[];
  /** Scopes typed by hand. */
  typedScopes: string;
  /** Grant code and its exact expiry, when they came from self_client.json. */
  code: string;
  codeExpiresAt: number | null;
  fileName: string | null;
  /** Self Client: the client-credentials grant (no code), for this organization (soid). */
  clientCredentials: boolean;
  soid: string;
}

export const emptyDraft = (): WizardDraft => ({
  name: '',
  dc: 'us',
  clientType: 'self',
  clientId: '',
  clientSecret: '',
  org: '',
  environment: 'production',
  accountsUrl: '',
  apiDomain: '',
  redirectUri: '',
  pickedScopes: [],
  typedScopes: '',
  code: '',
  codeExpiresAt: null,
  fileName: null,
  clientCredentials: false,
  soid: '',
});

/**
 * The wizard's steps, by client type: the one place where client types branch. A Self Client's
 * grant code already carries the scopes chosen in the API Console, so it goes from the client
 * straight to the code; a server-based client must say which scopes to ask for on Zoho's page,
 * and so must a Self Client using client credentials (there is no code to carry them).
 */
export type WizardStep = 'client' | 'scopes' | 'authorize';
export function stepsFor(
  draft: Pick<WizardDraft, 'clientType' | 'clientCredentials'>,
): WizardStep[] {
  return draft.clientType === 'self' && !draft.clientCredentials
    ? ['client', 'authorize']
    : ['client', 'scopes', 'authorize'];
}

/** Whether the scopes step must have at least one scope: every path but the Self Client's code. */
export const needsScopes = (draft: Pick<WizardDraft, 'clientType' | 'clientCredentials'>) =>
  draft.clientType !== 'self' || draft.clientCredentials;

/** A name for a connection the user left unnamed: zoho-<dc>, or zoho-<dc>-2 if taken. */
export function suggestedName(dc: DcCode, existingNames: readonly string[]): string {
  const taken = new Set(existingNames.map((n) => n.toLowerCase()));
  const base = `zoho-${dc}`;
  for (let i = 1; ; i += 1) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export type ClientStepErrors = Partial<
  Record<'name' | 'clientId' | 'clientSecret' | 'accountsUrl' | 'apiDomain' | 'redirectUri', string>
>;

const isServerUrl = (value: string) =>
  /^https:\/\/[^\s/]+/i.test(value) ||
  /^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/i.test(value);

export function checkClientStep(
  draft: WizardDraft,
  existingNames: readonly string[],
): ClientStepErrors {
  const errors: ClientStepErrors = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'Give the connection a name, for example acme-crm-eu.';
  else if (!CONNECTION_NAME_PATTERN.test(name))
    errors.name =
      'Use letters, digits, dots, dashes or underscores (no spaces), starting with a letter or digit.';
  else if (existingNames.some((n) => n.toLowerCase() === name.toLowerCase()))
    errors.name = `A connection named "${name}" already exists: choose another name.`;
  if (!draft.clientId.trim()) errors.clientId = 'Paste the Client ID from the API Console.';
  if (!draft.clientSecret.trim())
    errors.clientSecret = 'Paste the Client Secret from the API Console.';
  const accounts = draft.accountsUrl.trim();
  const api = draft.apiDomain.trim();
  if (accounts && !isServerUrl(accounts))
    errors.accountsUrl = 'Use an https:// address (http:// only for localhost).';
  if (api && !isServerUrl(api))
    errors.apiDomain = 'Use an https:// address (http:// only for localhost).';
  if (accounts && !api) errors.apiDomain = 'A custom accounts URL needs a custom API domain too.';
  if (api && !accounts) errors.accountsUrl = 'A custom API domain needs a custom accounts URL too.';
  const redirect = draft.redirectUri.trim();
  if (
    draft.clientType === 'server' &&
    redirect &&
    !/^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\]):\d+(\/|$)/i.test(redirect)
  ) {
    errors.redirectUri =
      'Use http://localhost:<port>/<path>, so Token Desk can receive Zoho’s answer on this computer.';
  }
  return errors;
}

export const redirectUriOf = (draft: WizardDraft) =>
  draft.redirectUri.trim() || DEFAULT_REDIRECT_URI;

/**
 * Why Zoho may refuse this redirect URI even though Token Desk accepts it: Zoho compares it with
 * the registered one letter for letter and was seen to refuse 127.0.0.1 where localhost works
 * (docs/zoho.md, Clients and redirect URIs). The same warning the CLI prints; null when none.
 */
export function redirectUriWarning(redirectUri: string): string | null {
  if (!URL.canParse(redirectUri)) return null;
  const url = new URL(redirectUri);
  if (url.hostname.toLowerCase() === 'localhost') return null;
  const host = url.hostname;
  url.hostname = 'localhost';
  return `Zoho is known to refuse redirect URIs on ${host}: use ${url.href} instead, and register exactly that in the Zoho API Console.`;
}

export function toNewConnection(draft: WizardDraft, scopes: string[]): Params<'connections.add'> {
  const custom = draft.accountsUrl.trim() && draft.apiDomain.trim();
  return {
    name: draft.name.trim(),
    dc: draft.dc,
    clientType: draft.clientType,
    clientId: draft.clientId.trim(),
    clientSecret: draft.clientSecret.trim(),
    scopes,
    ...(draft.clientType === 'server' ? { redirectUri: redirectUriOf(draft) } : {}),
    ...(custom ? { accountsUrl: draft.accountsUrl.trim(), apiDomain: draft.apiDomain.trim() } : {}),
    ...(draft.org.trim() ? { org: draft.org.trim() } : {}),
    environment: draft.environment,
    ...(draft.clientType === 'self' && draft.clientCredentials
      ? { clientCredentials: draft.soid.trim() ? { soid: draft.soid.trim() } : {} }
      : {}),
  };
}
