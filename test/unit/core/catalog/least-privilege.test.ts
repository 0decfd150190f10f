// Least-privilege advice: .ALL and fullaccess where something narrower does, writes when only
// read presets were picked.
import { describe, expect, it } from 'vitest';
import { leastPrivilegeWarnings } from '../../../../main/core/catalog/index.js';

describe('leastPrivilegeWarnings', () => {
  it('says nothing about narrow scopes', () => {
    expect(
      leastPrivilegeWarnings([
        'ZohoCRM.modules.leads.READ',
        'ZohoCRM.org.READ',
        'AaaServer.profile.READ',
        'openid',
      ]),
    ).toEqual([]);
    expect(leastPrivilegeWarnings([])).toEqual([]);
  });

  it('flags .ALL next to narrower scopes it already includes', () => {
    const [warning, ...rest] = leastPrivilegeWarnings([
      'ZohoCRM.modules.ALL',
      'ZohoCRM.modules.leads.READ',
    ]);
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({
      code: 'broad-with-narrower',
      scope: 'ZohoCRM.modules.ALL',
      suggestion: ['ZohoCRM.modules.leads.READ'],
    });
    expect(warning!.message).toMatch(
      /ZohoCRM\.modules\.ALL already includes ZohoCRM\.modules\.leads\.READ/,
    );
  });

  it('flags .ALL alone with its READ variant, and fullaccess with a read preset', () => {
    expect(leastPrivilegeWarnings(['ZohoCRM.modules.ALL'])).toEqual([
      expect.objectContaining({
        code: 'broad',
        scope: 'ZohoCRM.modules.ALL',
        suggestion: ['ZohoCRM.modules.READ'],
      }),
    ]);
    const [fullaccess] = leastPrivilegeWarnings(['zohobooks.fullaccess.all']);
    expect(fullaccess).toMatchObject({ code: 'broad', scope: 'ZohoBooks.fullaccess.ALL' });
    expect(fullaccess!.message).toMatch(/"Books: read everything"/);
    expect(fullaccess!.suggestion).toContain('ZohoBooks.invoices.READ');
  });

  it('flags .ALL without a READ variant with the READ scopes of its parts', () => {
    const [warning, ...rest] = leastPrivilegeWarnings(['ZohoCRM.settings.ALL']);
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ code: 'broad', scope: 'ZohoCRM.settings.ALL' });
    expect(warning!.suggestion).toEqual(
      expect.arrayContaining([
        'ZohoCRM.settings.modules.READ',
        'ZohoCRM.settings.fields.READ',
        'ZohoCRM.settings.layouts.READ',
      ]),
    );
    expect(warning!.suggestion.every((scope) => /^ZohoCRM\.settings\.\w+\.READ$/.test(scope))).toBe(
      true,
    );
    expect(warning!.message).toMatch(
      /ZohoCRM\.settings\.ALL lets the token read, create, change and delete data; if it only needs to read, use the READ scopes of its parts instead: ZohoCRM\.settings\.modules\.READ, /,
    );
    // Nothing narrower exists: nothing to say.
    expect(leastPrivilegeWarnings(['ZohoCRM.notifications.ALL'])).toEqual([]);
  });

  it('flags a broad scope when the picked presets need only narrower ones', () => {
    const warnings = leastPrivilegeWarnings(['ZohoBooks.fullaccess.ALL'], {
      presetIds: ['books-manage-invoices'],
    });
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'broader-than-presets', scope: 'ZohoBooks.fullaccess.ALL' }),
    ]);
    expect(warnings[0]!.suggestion).toEqual(
      expect.arrayContaining(['ZohoBooks.invoices.CREATE', 'ZohoBooks.invoices.READ']),
    );
  });

  it('does not flag a broad scope that is part of a picked preset', () => {
    expect(
      leastPrivilegeWarnings(
        ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.modules.READ', 'ZohoCRM.settings.fields.READ'],
        { presetIds: ['crm-manage-records'] },
      ),
    ).toEqual([]);
  });

  it('flags write, delete and full scopes when only read presets were picked', () => {
    const warnings = leastPrivilegeWarnings(
      [
        'ZohoCRM.modules.READ',
        'ZohoCRM.modules.leads.DELETE',
        'ZohoBooks.invoices.CREATE',
        'ZohoCRM.users.ALL',
      ],
      {
        presetIds: ['crm-read-all', 'books-read-invoices'],
      },
    );
    expect(warnings.map((w) => [w.code, w.scope])).toEqual([
      ['write-with-read-presets', 'ZohoCRM.modules.leads.DELETE'],
      ['write-with-read-presets', 'ZohoBooks.invoices.CREATE'],
      ['write-with-read-presets', 'ZohoCRM.users.ALL'],
    ]);
    expect(warnings[0]!.message).toMatch(
      /delete data.*"CRM: read everything", "Books: read invoices".*only read/,
    );
    expect(warnings[2]!.suggestion).toEqual(['ZohoCRM.users.READ']);
  });

  it('ignores invalid scopes and unknown preset ids', () => {
    expect(
      leastPrivilegeWarnings(['not a scope', 'ZohoCRM.org.READ'], {
        presetIds: ['no-such-preset'],
      }),
    ).toEqual([]);
  });
});
