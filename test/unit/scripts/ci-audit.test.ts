// .ci/audit.mjs: the CI step's verdict on `npm audit --omit=dev --json`. An unreachable advisory
// service is a notice and passes; vulnerabilities are reported, and high or critical ones fail.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../../.ci/audit.mjs', import.meta.url));

function verdict(report: unknown) {
  const input = typeof report === 'string' ? report : JSON.stringify(report);
  const run = spawnSync(process.execPath, [SCRIPT], { input, encoding: 'utf8' });
  return { code: run.status, out: run.stdout };
}

const counts = (c: Partial<Record<string, number>>) => ({
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...c } },
});
const vulnerability = (name: string, severity: string) => ({
  name,
  severity,
  range: '<2.0.0',
  via: [{ title: `A flaw in ${name}`, url: `https://github.com/advisories/GHSA-${name}` }],
  fixAvailable: severity !== 'critical',
});

describe('CI audit step', () => {
  it('passes with a notice when the advisory service cannot be reached (405 here, ENOTFOUND, no output)', () => {
    for (const report of [
      {
        message:
          '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
        statusCode: 405,
      },
      { error: { code: 'ENOTFOUND', summary: 'request to https://registry.npmjs.org failed' } },
      '',
    ]) {
      const { code, out } = verdict(report);
      expect(code).toBe(0);
      expect(out).toMatch(/^::notice::npm audit: the advisory service could not be reached \(/);
      expect(out).toContain('were not checked in this run');
    }
  });

  it('passes quietly when nothing is found', () => {
    const { code, out } = verdict({ vulnerabilities: {}, ...counts({}) });
    expect(code).toBe(0);
    expect(out).toContain('no known vulnerabilities');
  });

  it('reports moderate ones as warnings without failing', () => {
    const { code, out } = verdict({
      vulnerabilities: { open: vulnerability('open', 'moderate') },
      ...counts({ moderate: 1 }),
    });
    expect(code).toBe(0);
    expect(out).toContain(
      '::warning::npm audit: moderate vulnerability in open <2.0.0: A flaw in open',
    );
    expect(out).toContain('1 moderate');
  });

  it('fails on a high or critical one, naming it', () => {
    const { code, out } = verdict({
      vulnerabilities: {
        open: vulnerability('open', 'moderate'),
        commander: vulnerability('commander', 'critical'),
      },
      ...counts({ moderate: 1, critical: 1 }),
    });
    expect(code).toBe(1);
    expect(out).toContain('::error::npm audit: critical vulnerability in commander');
    expect(out).toContain('no fix available yet');
    expect(out).toContain('1 critical, 1 moderate');
  });
});
