// The request builder's form model on its own: the check before sending, the rpc request it
// becomes, samples, the product choice and the reducer's rules (no React, no rpc).

import { describe, expect, it } from 'vitest';
import {
  applySample,
  bodyProblem,
  builderReducer,
  chooseProduct,
  emptyForm,
  fromRequest,
  initialBuilderState,
  orgDescription,
  sendProblem,
  toRequest,
  unfilledParam,
  type Product,
  type RequestForm,
  type Sample,
} from '../../../renderer/src/features/requests/request-form.js';

const form = (patch: Partial<RequestForm>): RequestForm => ({ ...emptyForm(), ...patch });

const projects: Product = {
  id: 'projects',
  name: 'Zoho Projects',
  servicePrefix: 'ZohoProjects',
  scopes: [],
  presets: [],
  orgContext: {
    kind: 'path',
    name: 'portal_id',
    label: 'Portal ID',
    whereInUi: 'In Projects, the number after /portal/ in the address bar.',
  },
};
const desk: Product = {
  id: 'desk',
  name: 'Zoho Desk',
  servicePrefix: 'Desk',
  scopes: [],
  presets: [],
  orgContext: { kind: 'header', name: 'orgId', label: 'Organization ID', whereInUi: 'Setup.' },
};
const sign: Product = {
  id: 'sign',
  name: 'Zoho Sign',
  servicePrefix: 'ZohoSign',
  scopes: [],
  presets: [],
};

const teams: Sample = {
  product: 'workdrive',
  label: 'Your WorkDrive teams',
  method: 'GET',
  path: '/workdrive/api/v1/users/{zuid}/teams/{team}',
  scope: 'WorkDrive.team.READ',
  headers: [['Accept', 'application/vnd.api+json']],
  params: [
    { name: 'zuid', description: 'Your Zoho user ID (ZUID)', value: '700 001' },
    { name: 'team', description: 'A team ID' },
  ],
};

describe('request form', () => {
  it('refuses to send without a URL, with a value the path lacks, an org ID the path needs, or a body that is not JSON', () => {
    expect(sendProblem(form({ url: '  ' }), [])).toEqual({
      field: 'url',
      message: 'Type the address to call, for example /crm/v8/users?type=CurrentUser.',
    });
    expect(
      sendProblem(
        form({ url: '/x/{team}', params: [{ name: 'team', description: 'A team ID' }] }),
        [],
      ),
    ).toEqual({ field: 'url', message: 'Replace {team} in the URL first: A team ID.' });
    const portal = form({ url: '/restapi/portal/{portal_id}/projects/', product: 'projects' });
    expect(sendProblem(portal, [projects])).toEqual({
      field: 'orgId',
      message:
        'Type the Portal ID under Organization ID first: it replaces {portal_id} in the URL. In Projects, the number after /portal/ in the address bar.',
    });
    expect(sendProblem({ ...portal, orgId: '7001' }, [projects])).toBeNull();
    expect(sendProblem(form({ url: '/a', method: 'POST', body: '{' }), [])?.field).toBe('body');
    // GET sends no body, so its text does not matter.
    expect(sendProblem(form({ url: '/a', method: 'GET', body: '{' }), [])).toBeNull();
  });

  it('says why a body is not JSON, and accepts an empty one', () => {
    expect(bodyProblem('POST', '{"a":')).toMatch(/^The body is not valid JSON \(.+\)\. Fix it/);
    expect(bodyProblem('POST', '  ')).toBeNull();
    expect(bodyProblem('PUT', '{"a":1}')).toBeNull();
  });

  it('builds the rpc request: trimmed, blank rows dropped, body, product and org only when given', () => {
    const request = toRequest(
      form({
        method: 'POST',
        url: ' /crm/v8/Leads ',
        query: [
          { key: ' type ', value: 'x' },
          { key: ' ', value: 'ignored' },
        ],
        headers: [{ key: 'X-A', value: '1' }],
        body: '{"data":[]}',
        product: 'crm',
        orgId: ' 42 ',
      }),
    );
    expect(request).toEqual({
      method: 'POST',
      pathOrUrl: '/crm/v8/Leads',
      query: [['type', 'x']],
      headers: [['X-A', '1']],
      body: '{"data":[]}',
      product: 'crm',
      orgId: '42',
    });
    expect(toRequest(form({ url: '/a', body: '{"x":1}', orgId: ' ' }))).toEqual({
      method: 'GET',
      pathOrUrl: '/a',
      query: [],
      headers: [],
    });
    expect(toRequest(fromRequest(request))).toEqual(request);
  });

  it('applies a sample: known path values filled in and escaped, the others asked for', () => {
    const applied = applySample(
      form({ url: '/old', body: 'x', orgId: '9', product: 'desk' }),
      teams,
    );
    expect(applied).toEqual({
      ...emptyForm(),
      url: '/workdrive/api/v1/users/700%20001/teams/{team}',
      product: 'workdrive',
      headers: [{ key: 'Accept', value: 'application/vnd.api+json' }],
      params: [{ name: 'team', description: 'A team ID' }],
    });
    expect(unfilledParam(applied)?.name).toBe('team');
    expect(unfilledParam({ ...applied, url: '/workdrive/api/v1/users/1/teams/2' })).toBeUndefined();
  });

  it('keeps the organization ID only for another sample of the same product', () => {
    const tickets: Sample = {
      product: 'desk',
      label: 'Latest tickets',
      method: 'GET',
      path: '/api/v1/tickets',
      scope: 'Desk.tickets.READ',
    };
    expect(applySample(form({ product: 'desk', orgId: '2007' }), tickets).orgId).toBe('2007');
    expect(applySample(form({ product: 'crm', orgId: '2007' }), tickets).orgId).toBe('');
  });

  it('drops the organization ID when the chosen product takes none', () => {
    const typed = form({ product: 'desk', orgId: '2007' });
    expect(chooseProduct(typed, 'sign', [desk, sign])).toMatchObject({
      product: 'sign',
      orgId: '',
    });
    expect(chooseProduct(typed, 'projects', [projects])).toMatchObject({
      product: 'projects',
      orgId: '2007',
    });
    // Auto, or a product the catalog did not load: the ID stays, main decides.
    expect(chooseProduct(typed, '', [desk, sign]).orgId).toBe('2007');
  });

  it('describes the organization ID for the chosen product', () => {
    expect(orgDescription(desk)).toBe(
      'Zoho Desk takes its Organization ID in the orgId header. Setup.',
    );
    expect(orgDescription(projects)).toMatch(
      /^Zoho Projects takes its Portal ID in the path \(\{portal_id\}\)\./,
    );
    expect(orgDescription(sign)).toBe('Zoho Sign needs no organization ID.');
    expect(orgDescription(undefined)).toMatch(/^Only for products that need one/);
  });

  it('clears a refusal on any change, and opens the Body tab for a body problem', () => {
    let state = builderReducer(initialBuilderState(), {
      type: 'checked',
      problem: { field: 'body', message: 'not JSON' },
    });
    expect(state).toMatchObject({ tab: 'body', problem: { field: 'body' } });
    state = builderReducer(state, { type: 'edit', patch: { body: '{}' } });
    expect(state).toMatchObject({ tab: 'body', problem: null, form: { body: '{}' } });

    state = builderReducer(state, { type: 'checked', problem: { field: 'url', message: 'URL' } });
    expect(state.tab).toBe('body');
    state = builderReducer(state, { type: 'sample', sample: teams });
    expect(state.problem).toBeNull();
    expect(state.form.product).toBe('workdrive');

    state = builderReducer(state, { type: 'tab', tab: 'headers' });
    state = builderReducer(state, {
      type: 'load',
      request: { method: 'DELETE', pathOrUrl: '/crm/v8/Leads/1', query: [], headers: [] },
    });
    expect(state).toMatchObject({ tab: 'headers', form: { method: 'DELETE', params: [] } });
    state = builderReducer(state, { type: 'product', product: 'sign', products: [sign] });
    expect(state.form.product).toBe('sign');
  });
});
