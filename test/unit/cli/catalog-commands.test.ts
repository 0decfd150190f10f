// `token-desk products` and `token-desk scopes`: aligned text for people, stable JSON for scripts,
// and a plain error for an unknown product.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerCatalogCommands } from '../../../main/cli/commands/catalog-commands.js';
import { PRODUCTS } from '../../../main/core/catalog/index.js';
import { TokenDeskError } from '../../../main/core/errors.js';

async function run(...args: string[]): Promise<string> {
  let out = '';
  const program = new Command('token-desk')
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  registerCatalogCommands(program, { stdout: (text) => (out += text) });
  await program.parseAsync(args, { from: 'user' });
  return out;
}

describe('token-desk products', () => {
  it('prints one aligned row per product, without colours', async () => {
    const out = await run('products');
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+SCOPE PREFIX\s+API ROOT\s+DATA CENTRES\s+ORGANIZATION$/);
    for (const product of PRODUCTS)
      expect(out).toMatch(
        new RegExp(`^${product.id}\\s+${product.name}\\s+${product.servicePrefix}\\s`, 'm'),
      );
    expect(out).toMatch(/^books .*www\.zohoapis\.<tld>\/books\/v3 .*query organization_id$/m);
    expect(out).toMatch(/^desk .*desk\.zoho\.<tld>\/api\/v1 .*header orgId$/m);
    expect(out).toMatch(
      /^invoice .*query organization_id \(or header X-com-zoho-invoice-organizationid\?\)$/m,
    );
    expect(out).toMatch(/^billing .*header X-com-zoho-subscriptions-organizationid$/m);
    expect(out).toMatch(/^crm .*us eu in au jp ca sa uk\? cn /m);
    expect(out).toContain('? = not confirmed');
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/\u001b\[/);
    const columnStart = lines[0]!.indexOf('NAME');
    for (const line of lines.slice(1, PRODUCTS.length + 1)) expect(line[columnStart - 1]).toBe(' ');
  });

  it('prints stable JSON with hosts per data centre and the organization context', async () => {
    const data = JSON.parse(await run('products', '--json')) as {
      products: {
        id: string;
        scopePrefix: string;
        hosts: { dc: string; url: string; confirmed: boolean }[];
        orgContext: { kind: string; name: string } | null;
      }[];
    };
    expect(data.products.map((p) => p.id)).toEqual(PRODUCTS.map((p) => p.id));
    const analytics = data.products.find((p) => p.id === 'analytics')!;
    expect(analytics.hosts).toContainEqual({
      dc: 'ca',
      url: 'https://analyticsapi.zohocloud.ca/restapi/v2',
      confirmed: true,
    });
    expect(analytics.orgContext).toMatchObject({ kind: 'header', name: 'ZANALYTICS-ORGID' });
    expect(data.products.find((p) => p.id === 'billing')!.scopePrefix).toBe('ZohoSubscriptions');
    expect(data.products.find((p) => p.id === 'crm')!.orgContext).toBeNull();
    expect(await run('products', '--json')).toBe(JSON.stringify(data, null, 2) + '\n');
  });
});

describe('token-desk scopes', () => {
  it('lists the families of one product with operations, sensitivity and description', async () => {
    const out = await run('scopes', '--product', 'crm');
    expect(out.split('\n')[0]).toMatch(/^SCOPE\s+OPERATIONS\s+SENSITIVITY\s+DESCRIPTION$/);
    expect(out).toMatch(
      /^ZohoCRM\.modules\s+ALL READ CREATE UPDATE DELETE WRITE CUSTOM\?\s+read, write, delete, full\s+Records in every CRM module$/m,
    );
    expect(out).toMatch(/^ZohoCRM\.users\s+ALL READ\?\s+read, full\s/m);
    expect(out).toMatch(/^ZohoCRM\.coql\s+READ\s+read\s/m);
    expect(out).not.toMatch(/^PRODUCT/);
  });

  it('lists OpenID Connect scopes of Accounts', async () => {
    expect(await run('scopes', '--product', 'accounts')).toMatch(
      /^openid\s+-\s+read\s+Sign in with Zoho/m,
    );
  });

  it('searches across products, with a product column', async () => {
    const out = await run('scopes', '--search', 'tickets');
    expect(out.split('\n')[0]).toMatch(/^PRODUCT\s+SCOPE/);
    expect(out).toMatch(/^desk\s+Desk\.tickets\s+ALL\? READ\? CREATE\? UPDATE\? DELETE\?/m);
  });

  it('says so when nothing matches', async () => {
    expect(await run('scopes', '--product', 'mail', '--search', 'invoices')).toMatch(
      /^No scopes match "invoices" in mail\./,
    );
  });

  it('prints JSON with one entry per scope', async () => {
    const data = JSON.parse(
      await run('scopes', '--product', 'books', '--search', 'invoices', '--json'),
    ) as { scopes: { scope: string; sensitivity: string; confirmed: boolean }[] };
    expect(data.scopes.map((s) => s.scope)).toEqual([
      'ZohoBooks.invoices.ALL',
      'ZohoBooks.invoices.READ',
      'ZohoBooks.invoices.CREATE',
      'ZohoBooks.invoices.UPDATE',
      'ZohoBooks.invoices.DELETE',
    ]);
    expect(data.scopes.find((s) => s.scope === 'ZohoBooks.invoices.ALL')).toMatchObject({
      sensitivity: 'full',
      confirmed: false,
    });
    expect(Object.keys(data.scopes[0]!)).toEqual([
      'scope',
      'product',
      'family',
      'operation',
      'sensitivity',
      'confirmed',
      'description',
    ]);
  });

  it('rejects an unknown product with an input error that lists the product ids', async () => {
    const error = await run('scopes', '--product', 'zoho-nothing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenDeskError);
    expect(error).toMatchObject({ code: 'unknown_product', category: 'input' });
    expect((error as TokenDeskError).message).toContain('"zoho-nothing"');
    expect((error as TokenDeskError).remedy).toContain(PRODUCTS.map((p) => p.id).join(', '));
  });
});
