// Reverse lookup: the scope a request needs, for OAUTH_SCOPE_MISMATCH and Books code 57 help.
import { describe, expect, it } from 'vitest';
import { requiredScopeFor } from '../../../../main/core/catalog/index.js';

describe('requiredScopeFor', () => {
  it('maps CRM module paths to the per-module scope and the HTTP method to the operation', () => {
    expect(requiredScopeFor('crm', 'GET', '/crm/v8/Leads')).toMatchObject({
      scope: 'ZohoCRM.modules.leads.READ',
      product: 'crm',
      confirmed: true,
    });
    expect(requiredScopeFor('crm', 'post', '/crm/v8/Deals')?.scope).toBe(
      'ZohoCRM.modules.deals.CREATE',
    );
    expect(requiredScopeFor('crm', 'PUT', '/crm/v8/Contacts/123')?.scope).toBe(
      'ZohoCRM.modules.contacts.UPDATE',
    );
    expect(requiredScopeFor('crm', 'PATCH', '/crm/v8/Sales_Orders/9')?.scope).toBe(
      'ZohoCRM.modules.salesorders.UPDATE',
    );
    expect(requiredScopeFor('crm', 'DELETE', '/crm/v8/Price_Books/1')?.scope).toBe(
      'ZohoCRM.modules.pricebooks.DELETE',
    );
    expect(requiredScopeFor('crm', 'GET', '/crm/v8/Leads/search?email=a@b.c')?.scope).toBe(
      'ZohoCRM.modules.leads.READ',
    );
  });

  it('sends custom modules to modules.custom and names broader scopes that also work', () => {
    const found = requiredScopeFor('crm', 'GET', '/crm/v8/Vehicles__c');
    expect(found?.scope).toBe('ZohoCRM.modules.custom.READ');
    expect(found?.alsoAccepted).toEqual(
      expect.arrayContaining([
        'ZohoCRM.modules.READ',
        'ZohoCRM.modules.ALL',
        'ZohoCRM.modules.custom.ALL',
      ]),
    );
  });

  it('knows CRM settings, users, org and COQL (a POST that only reads)', () => {
    expect(requiredScopeFor('crm', 'GET', '/crm/v8/settings/fields?module=Leads')?.scope).toBe(
      'ZohoCRM.settings.fields.READ',
    );
    expect(requiredScopeFor('crm', 'GET', '/crm/v8/settings/wizards')?.scope).toBe(
      'ZohoCRM.settings.ALL',
    );
    expect(requiredScopeFor('crm', 'GET', '/crm/v8/users?type=CurrentUser')).toMatchObject({
      scope: 'ZohoCRM.users.READ',
      confirmed: false,
      alsoAccepted: ['ZohoCRM.users.ALL'],
    });
    expect(requiredScopeFor('crm', 'GET', '/crm/v8/org')?.scope).toBe('ZohoCRM.org.READ');
    expect(requiredScopeFor('crm', 'POST', '/crm/v8/coql')?.scope).toBe('ZohoCRM.coql.READ');
  });

  it('finds the product from the path or URL when no product is given', () => {
    expect(
      requiredScopeFor(
        undefined,
        'GET',
        'https://www.zohoapis.eu/crm/v8/Accounts?fields=Account_Name',
      )?.scope,
    ).toBe('ZohoCRM.modules.accounts.READ');
    expect(
      requiredScopeFor(undefined, 'GET', 'https://desk.zoho.eu/api/v1/tickets/42/threads'),
    ).toMatchObject({ scope: 'Desk.tickets.READ', product: 'desk', confirmed: false });
    expect(requiredScopeFor(undefined, 'GET', '/api/v1/tickets')).toBeUndefined();
  });

  it('maps Books resources to their scope areas (for code 57)', () => {
    expect(requiredScopeFor('books', 'GET', '/books/v3/invoices?organization_id=1')?.scope).toBe(
      'ZohoBooks.invoices.READ',
    );
    expect(requiredScopeFor('books', 'POST', '/books/v3/invoices')?.scope).toBe(
      'ZohoBooks.invoices.CREATE',
    );
    expect(requiredScopeFor('books', 'GET', '/books/v3/items')?.scope).toBe(
      'ZohoBooks.settings.READ',
    );
    expect(requiredScopeFor('books', 'GET', '/books/v3/organizations')?.scope).toBe(
      'ZohoBooks.settings.READ',
    );
    expect(requiredScopeFor('books', 'GET', '/books/v3/chartofaccounts')?.scope).toBe(
      'ZohoBooks.accountants.READ',
    );
    expect(requiredScopeFor('books', 'GET', '/books/v3/reports/profitandloss')).toBeUndefined();
  });

  it('accepts a path relative to the product base path', () => {
    expect(requiredScopeFor('crm', 'GET', '/Leads')?.scope).toBe('ZohoCRM.modules.leads.READ');
    expect(requiredScopeFor('books', 'GET', 'contacts')?.scope).toBe('ZohoBooks.contacts.READ');
  });

  it('uses ALL when the family has no narrower operation', () => {
    expect(requiredScopeFor('writer', 'GET', '/writer/api/v1/documents')?.scope).toBe(
      'ZohoWriter.documentEditor.ALL',
    );
    expect(requiredScopeFor('people', 'GET', '/people/api/attendance/getUserReport')?.scope).toBe(
      'ZOHOPEOPLE.attendance.ALL',
    );
  });

  it('covers the other products with their own hosts and prefixes', () => {
    expect(
      requiredScopeFor('projects', 'GET', '/restapi/portal/123/projects/456/tasks/')?.scope,
    ).toBe('ZohoProjects.tasks.READ');
    expect(requiredScopeFor('projects', 'GET', '/restapi/portal/123/projects/')?.scope).toBe(
      'ZohoProjects.projects.READ',
    );
    expect(requiredScopeFor('recruit', 'GET', '/recruit/v2/Candidates')?.scope).toBe(
      'ZohoRecruit.modules.candidate.READ',
    );
    expect(requiredScopeFor('mail', 'GET', '/api/accounts/1/messages/view')?.scope).toBe(
      'ZohoMail.messages.READ',
    );
    expect(requiredScopeFor('analytics', 'GET', '/restapi/v2/workspaces')?.scope).toBe(
      'ZohoAnalytics.metadata.READ',
    );
    expect(requiredScopeFor('fsm', 'GET', '/fsm/v1/Service_Appointments')?.scope).toBe(
      'ZohoFSM.modules.ServiceAppointments.READ',
    );
    expect(requiredScopeFor('cliq', 'POST', '/api/v2/channelsbyname/general/message')?.scope).toBe(
      'ZohoCliq.Webhooks.CREATE',
    );
    expect(
      requiredScopeFor('accounts', 'GET', 'https://accounts.zoho.com/oauth/user/info')?.scope,
    ).toBe('AaaServer.profile.READ');
  });

  it('is undefined for unknown methods and endpoints, and rejects unknown products', () => {
    expect(requiredScopeFor('crm', 'TRACE', '/crm/v8/Leads')).toBeUndefined();
    expect(requiredScopeFor('analytics', 'POST', '/restapi/v2/workspaces')).toBeUndefined();
    expect(() => requiredScopeFor('zoho-nothing', 'GET', '/x')).toThrow(/not a product/);
  });
});
