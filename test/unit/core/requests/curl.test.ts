// Copy as cURL, checked by the shell itself: the command is run by /bin/sh with `curl` replaced
// by a function that prints its arguments, so the test sees exactly what curl would receive.

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toCurl } from '../../../../main/core/requests/curl.js';

/** The arguments curl would get if the user pasted `command` into sh with these variables set. */
function argsAfterShell(command: string, env: Record<string, string> = {}): string[] {
  const script = `curl() { for arg in "$@"; do printf '%s\\0' "$arg"; done; }\n${command}`;
  const out = execFileSync('/bin/sh', ['-c', script], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  });
  return out.toString('utf8').split('\0').slice(0, -1);
}

const tricky = {
  method: 'post',
  pathOrUrl: '/crm/v8/Leads',
  headers: [
    ['X-Note', `it's $HOME \`id\` "quoted" $(echo no)`],
    ['Authorization', 'ignored'],
  ] as Array<[string, string]>,
  body: `{"data":[{"Last_Name":"O'Brien $(rm -rf ~) \`x\`"}]}`,
};
const url = "https://www.zohoapis.eu/crm/v8/Leads?a=1&b='2'";

describe('toCurl', () => {
  it('leaves the token placeholder for the shell to expand, and every other value literal', () => {
    const command = toCurl(url, tricky);
    expect(command).toContain('$ZOHO_ACCESS_TOKEN');
    expect(
      argsAfterShell(command, { ZOHO_ACCESS_TOKEN: '1000.from-the-shell', HOME: '/home/x' }),
    ).toEqual([
      '-X',
      'POST',
      url,
      '-H',
      'Authorization: Zoho-oauthtoken 1000.from-the-shell',
      '-H',
      tricky.headers[0]![0] + ': ' + tricky.headers[0]![1],
      '--data-raw',
      tricky.body,
    ]);
  });

  it('puts a real token in single quotes, so nothing in the shell changes it', () => {
    const command = toCurl(url, { method: 'GET', pathOrUrl: '/crm/v8/org' }, '1000.abc$def');
    expect(argsAfterShell(command, { ZOHO_ACCESS_TOKEN: 'other', def: 'x' })).toEqual([
      '-X',
      'GET',
      url,
      '-H',
      'Authorization: Zoho-oauthtoken 1000.abc$def',
    ]);
  });
});
