// The API domain: a small slice of Zoho CRM v8 (org, current user, Leads read/create) with CRM's
// auth errors (docs/zoho.md §11, Calling product APIs) and response shapes from Zoho's crm-oas v8
// examples.
import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatorContext } from './context.js';
import { parseFormBody, readBody, sendJson, tokenFromAuthorization } from './http-utils.js';
import { hasScope } from './scopes.js';

type CrmRecord = Record<string, unknown> & { id: string };

interface Route {
  method: string;
  path: string;
  scope: string;
  handle(ctx: SimulatorContext, crm: CrmData, url: URL, body: Buffer, res: ServerResponse): void;
}

interface CrmData {
  readonly orgId: string;
  readonly userId: string;
  readonly leads: CrmRecord[];
  nextId(): string;
}

const INVALID_TOKEN = {
  code: 'INVALID_TOKEN',
  details: {},
  message: 'invalid oauth token',
  status: 'error',
};
const SCOPE_MISMATCH = {
  code: 'OAUTH_SCOPE_MISMATCH',
  details: {},
  message: 'invalid oauth scope to access this URL',
  status: 'error',
};
const INVALID_URL_PATTERN = {
  code: 'INVALID_URL_PATTERN',
  details: {},
  message: 'Please check if the URL trying to access is a correct one',
  status: 'error',
};

const INVALID_REQUEST_METHOD = {
  code: 'INVALID_REQUEST_METHOD',
  details: {},
  message: 'The http request method type is not a valid one',
  status: 'error',
};

const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/crm/v8/org', scope: 'ZohoCRM.org.READ', handle: getOrg },
  { method: 'GET', path: '/crm/v8/users', scope: 'ZohoCRM.users.READ', handle: getUsers },
  { method: 'GET', path: '/crm/v8/leads', scope: 'ZohoCRM.modules.leads.READ', handle: getLeads },
  {
    method: 'POST',
    path: '/crm/v8/leads',
    scope: 'ZohoCRM.modules.leads.CREATE',
    handle: createLeads,
  },
];

export function createCrmHandler(
  ctx: SimulatorContext,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const crm = createCrmData(ctx);
  return async (req, res) => {
    const url = new URL(req.url ?? '/', ctx.apiDomain);
    const body = await readBody(req);
    ctx.record(req, url, await parseFormBody(body, req.headers['content-type']));
    ctx.stats.apiCalls += 1;
    // Module API names are case-insensitive in CRM URLs (Leads, leads).
    const path = url.pathname.replace(/\/+$/, '').toLowerCase();
    const onPath = ROUTES.filter((r) => r.path === path);
    if (onPath.length === 0) return sendJson(res, 404, INVALID_URL_PATTERN);
    const route = onPath.find((r) => r.method === req.method);
    if (!route) return sendJson(res, 400, INVALID_REQUEST_METHOD);
    // CRM takes only this scheme; a token in the query string is not accepted (docs/zoho.md §11).
    const presented = tokenFromAuthorization(req.headers.authorization, ['Zoho-oauthtoken']);
    const access = presented === undefined ? undefined : ctx.state.activeAccessToken(presented);
    if (!access) return sendJson(res, 401, INVALID_TOKEN);
    if (!hasScope(access.scopes, route.scope)) return sendJson(res, 401, SCOPE_MISMATCH);
    route.handle(ctx, crm, url, body, res);
  };
}

function createCrmData(ctx: SimulatorContext): CrmData {
  // CRM ids are 19-digit strings: an org-specific prefix and a counter.
  const prefix = String(randomInt(1_000_000, 9_999_999));
  let counter = 1000;
  const nextId = () => `${prefix}000000${String((counter += 1)).padStart(6, '0')}`;
  const userId = nextId();
  const created = isoTime(ctx.state.now());
  const owner = { name: ctx.user.displayName, id: userId, email: ctx.user.email };
  // Seeded so that a Leads test request answers 200 with data; an empty module answers 204.
  const leads: CrmRecord[] = [
    {
      id: nextId(),
      Owner: owner,
      Company: 'Zylker Corp',
      First_Name: 'John',
      Last_Name: 'Doe',
      Email: 'john.doe@zylker.example',
      Lead_Status: 'Not Contacted',
      Created_Time: created,
      Modified_Time: created,
    },
    {
      id: nextId(),
      Owner: owner,
      Company: 'Acme Inc.',
      First_Name: 'Jane',
      Last_Name: 'Roe',
      Email: 'jane.roe@acme.example',
      Lead_Status: 'Contacted',
      Created_Time: created,
      Modified_Time: created,
    },
  ];
  return { orgId: nextId(), userId, leads, nextId };
}

/** CRM writes times with an explicit offset and no milliseconds. */
function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function getOrg(
  ctx: SimulatorContext,
  crm: CrmData,
  _url: URL,
  _body: Buffer,
  res: ServerResponse,
): void {
  sendJson(res, 200, {
    org: [
      {
        id: crm.orgId,
        company_name: 'Token Desk Simulated Org',
        domain_name: `org${crm.orgId.slice(-9)}`,
        primary_email: ctx.user.email,
        primary_zuid: String(ctx.user.zuid),
        zgid: crm.orgId.slice(-9),
        country_code: ctx.location.toUpperCase(),
        time_zone: 'America/Los_Angeles',
        currency: 'US Dollar - USD',
        currency_symbol: '$',
        iso_code: 'USD',
        type: 'production',
        max_per_page: 200,
      },
    ],
  });
}

function getUsers(
  ctx: SimulatorContext,
  crm: CrmData,
  _url: URL,
  _body: Buffer,
  res: ServerResponse,
): void {
  const user = ctx.user;
  // One user: the same answer for type=CurrentUser, AllUsers, ActiveUsers...
  sendJson(res, 200, {
    users: [
      {
        id: crm.userId,
        zuid: String(user.zuid),
        first_name: user.firstName,
        last_name: user.lastName,
        full_name: user.displayName,
        email: user.email,
        status: 'active',
        role: { name: 'CEO', id: `${crm.userId.slice(0, -6)}000861` },
        profile: { name: 'Administrator', id: `${crm.userId.slice(0, -6)}000497` },
        locale: 'en_US',
        confirm: true,
      },
    ],
    info: { per_page: 200, count: 1, page: 1, more_records: false },
  });
}

function getLeads(
  _ctx: SimulatorContext,
  crm: CrmData,
  url: URL,
  _body: Buffer,
  res: ServerResponse,
): void {
  // CRM v8 Get Records requires `fields` (crm-oas v8 getRecords: REQUIRED_PARAM_MISSING).
  const fields = (url.searchParams.get('fields') ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (fields.length === 0) {
    return sendJson(res, 400, {
      code: 'REQUIRED_PARAM_MISSING',
      details: { param_name: 'fields' },
      message: 'required param is missing',
      status: 'error',
    });
  }
  // per_page 1..200 and page >= 1 (crm-oas v8 getRecords); bad values are INVALID_DATA.
  const perPage = intParam(url, 'per_page', 200);
  const page = intParam(url, 'page', 1);
  if (perPage === undefined || perPage > 200 || page === undefined) {
    const paramName = perPage === undefined || perPage > 200 ? 'per_page' : 'page';
    return sendJson(res, 400, {
      code: 'INVALID_DATA',
      details: { param_name: paramName },
      message: 'invalid data',
      status: 'error',
    });
  }
  // Newest first, like sort_by=id desc.
  const all = [...crm.leads].reverse();
  const slice = all.slice((page - 1) * perPage, page * perPage);
  if (slice.length === 0) {
    // CRM answers 204 with no body when nothing matches.
    res.writeHead(204);
    res.end();
    return;
  }
  const data = slice.map((lead) => {
    const picked: Record<string, unknown> = { id: lead.id };
    for (const field of fields) if (Object.hasOwn(lead, field)) picked[field] = lead[field];
    return picked;
  });
  sendJson(res, 200, {
    data,
    info: {
      call: false,
      per_page: perPage,
      next_page_token: null,
      count: data.length,
      sort_by: 'id',
      page,
      previous_page_token: null,
      page_token_expiry: null,
      sort_order: 'desc',
      email: false,
      more_records: page * perPage < all.length,
    },
  });
}

/** A positive integer query parameter; undefined when present but not one. */
function intParam(url: URL, name: string, fallback: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  return /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : undefined;
}

function createLeads(
  ctx: SimulatorContext,
  crm: CrmData,
  _url: URL,
  body: Buffer,
  res: ServerResponse,
): void {
  let input: unknown;
  try {
    input = JSON.parse(body.toString('utf8'));
  } catch {
    input = undefined;
  }
  const records = (input as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(records) || records.length === 0 || records.length > 100) {
    return sendJson(res, 400, {
      code: 'INVALID_DATA',
      details: {},
      message: 'invalid data',
      status: 'error',
    });
  }
  const now = isoTime(ctx.state.now());
  const by = { name: ctx.user.displayName, id: crm.userId };
  const results = records.map((record: unknown, index) => {
    const fields =
      record !== null && typeof record === 'object' && !Array.isArray(record)
        ? (record as Record<string, unknown>)
        : undefined;
    const lastName = fields?.Last_Name;
    if (typeof lastName !== 'string' || lastName.trim() === '') {
      return {
        code: 'MANDATORY_NOT_FOUND',
        details: { api_name: 'Last_Name', json_path: `$.data[${index}].Last_Name` },
        message: 'required field not found',
        status: 'error',
      };
    }
    const id = crm.nextId();
    crm.leads.push({
      ...fields,
      id,
      Owner: { ...by, email: ctx.user.email },
      Created_Time: now,
      Modified_Time: now,
    });
    return {
      code: 'SUCCESS',
      details: {
        Modified_Time: now,
        Modified_By: by,
        Created_Time: now,
        id,
        Created_By: by,
        $approval_state: 'approved',
      },
      message: 'record added',
      status: 'success',
    };
  });
  const succeeded = results.filter((r) => r.status === 'success').length;
  const status = succeeded === results.length ? 201 : succeeded === 0 ? 400 : 207;
  sendJson(res, status, { data: results });
}
