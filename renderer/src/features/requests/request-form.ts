// The request builder's form as a pure model: its state (the form, the open tab, why Send was
// refused), the changes a user makes to it (a reducer), the check before sending, and the rpc
// request it becomes. No React and no rpc here, so every rule is unit-tested on its own.

import type { ApiRequestInput, ProductIdView, Result } from '../../../../main/rpc/contract.js';
import type { Pair } from './KeyValueEditor.js';

export type Method = ApiRequestInput['method'];
export type Sample = Result<'catalog.samples'>[number];
export type Product = Result<'catalog.products'>[number];
export type SampleParam = NonNullable<Sample['params']>[number];
type OrgContext = NonNullable<Product['orgContext']>;

export interface RequestForm {
  method: Method;
  url: string;
  /** '' = Auto: main finds the product from the path. */
  product: ProductIdView | '';
  orgId: string;
  query: Pair[];
  headers: Pair[];
  body: string;
  /** Values the loaded sample's path still needs ({zuid}), until the user replaces them. */
  params: SampleParam[];
}

export type Tab = 'params' | 'headers' | 'body';

/** Why Send was refused, and the field to fix (the builder puts the focus there). */
export interface SendProblem {
  message: string;
  field: 'url' | 'orgId' | 'body';
}

export interface BuilderState {
  form: RequestForm;
  tab: Tab;
  problem: SendProblem | null;
}

export const emptyForm = (): RequestForm => ({
  method: 'GET',
  url: '',
  product: '',
  orgId: '',
  query: [],
  headers: [],
  body: '',
  params: [],
});

export const initialBuilderState = (): BuilderState => ({
  form: emptyForm(),
  tab: 'params',
  problem: null,
});

/** The first value the URL still lacks, as `{name}`, or undefined when none. */
export function unfilledParam(form: Pick<RequestForm, 'url' | 'params'>): SampleParam | undefined {
  return form.params.find((param) => form.url.includes(`{${param.name}}`));
}

/** Why the JSON body cannot be sent, or null when it can. */
export function bodyProblem(method: Method, body: string): string | null {
  if (method === 'GET' || !body.trim()) return null;
  try {
    JSON.parse(body);
    return null;
  } catch (error) {
    return `The body is not valid JSON (${error instanceof Error ? error.message : 'syntax error'}). Fix it, or empty it to send no body.`;
  }
}

/** Why this form cannot be sent yet, or null when it can; checked in the order the form reads. */
export function sendProblem(form: RequestForm, products: Product[]): SendProblem | null {
  if (!form.url.trim())
    return {
      field: 'url',
      message: 'Type the address to call, for example /crm/v8/users?type=CurrentUser.',
    };
  const missing = unfilledParam(form);
  if (missing)
    return {
      field: 'url',
      message: `Replace {${missing.name}} in the URL first: ${missing.description}.`,
    };
  const context = products.find((p) => p.id === form.product)?.orgContext;
  if (context?.kind === 'path' && form.url.includes(`{${context.name}}`) && !form.orgId.trim())
    return {
      field: 'orgId',
      message: `Type the ${context.label} under Organization ID first: it replaces {${context.name}} in the URL. ${context.whereInUi}`,
    };
  const body = bodyProblem(form.method, form.body);
  return body ? { field: 'body', message: body } : null;
}

const toPairs = (rows: Pair[]) =>
  rows.filter((r) => r.key.trim()).map((r): [string, string] => [r.key.trim(), r.value]);
const fromPairs = (pairs: Array<[string, string]> = []): Pair[] =>
  pairs.map(([key, value]) => ({ key, value }));

/** The rpc request: blank rows dropped, no body on GET, product and org only when given. */
export function toRequest(form: RequestForm): ApiRequestInput {
  return {
    method: form.method,
    pathOrUrl: form.url.trim(),
    query: toPairs(form.query),
    headers: toPairs(form.headers),
    ...(form.method !== 'GET' && form.body.trim() ? { body: form.body } : {}),
    ...(form.product ? { product: form.product } : {}),
    ...(form.orgId.trim() ? { orgId: form.orgId.trim() } : {}),
  };
}

/** A request from the history, back in the form. */
export const fromRequest = (request: ApiRequestInput): RequestForm => ({
  method: request.method,
  url: request.pathOrUrl,
  product: request.product ?? '',
  orgId: request.orgId ?? '',
  query: fromPairs(request.query),
  headers: fromPairs(request.headers),
  body: request.body ?? '',
  params: [],
});

/** A sample in the form: the path values it knows filled in, the others left to the user. */
export function applySample(form: RequestForm, sample: Sample): RequestForm {
  let url = sample.path;
  const open: SampleParam[] = [];
  for (const param of sample.params ?? []) {
    if (param.value) url = url.split(`{${param.name}}`).join(encodeURIComponent(param.value));
    else open.push(param);
  }
  return {
    ...emptyForm(),
    method: sample.method,
    url,
    product: sample.product,
    // An organization ID belongs to one product: keep it only for another sample of the same one.
    orgId: form.product === sample.product ? form.orgId : '',
    headers: fromPairs(sample.headers),
    params: open,
  };
}

/** The form with another product chosen ('' = Auto). */
export function chooseProduct(
  form: RequestForm,
  product: ProductIdView | '',
  products: Product[],
): RequestForm {
  const next = products.find((p) => p.id === product);
  // A product that takes no organization must not be sent one typed for another.
  return next && !next.orgContext ? { ...form, product, orgId: '' } : { ...form, product };
}

const orgContextText = (context: OrgContext) =>
  context.kind === 'path'
    ? `in the path ({${context.name}})`
    : `in the ${context.name} ${context.kind === 'query' ? 'query parameter' : 'header'}`;

/** The Organization ID field's help for the chosen product (undefined: Auto). */
export function orgDescription(product: Product | undefined): string {
  if (!product)
    return 'Only for products that need one (Books organization_id, Desk orgId, Analytics ZANALYTICS-ORGID…); Token Desk adds it the way the product wants.';
  if (!product.orgContext) return `${product.name} needs no organization ID.`;
  const context = product.orgContext;
  return `${product.name} takes its ${context.label} ${orgContextText(context)}. ${context.whereInUi}`;
}

export type BuilderAction =
  | { type: 'edit'; patch: Partial<RequestForm> }
  | { type: 'product'; product: ProductIdView | ''; products: Product[] }
  | { type: 'sample'; sample: Sample }
  | { type: 'load'; request: ApiRequestInput }
  | { type: 'tab'; tab: Tab }
  | { type: 'checked'; problem: SendProblem | null };

/** Every change to the form clears the last refusal: it may no longer hold. */
export function builderReducer(state: BuilderState, action: BuilderAction): BuilderState {
  switch (action.type) {
    case 'edit':
      return { ...state, form: { ...state.form, ...action.patch }, problem: null };
    case 'product':
      return {
        ...state,
        form: chooseProduct(state.form, action.product, action.products),
        problem: null,
      };
    case 'sample':
      return { ...state, form: applySample(state.form, action.sample), problem: null };
    case 'load':
      return { ...state, form: fromRequest(action.request), problem: null };
    case 'tab':
      return { ...state, tab: action.tab };
    case 'checked':
      // A body that is not JSON is fixed on the Body tab: open it.
      return {
        ...state,
        problem: action.problem,
        tab: action.problem?.field === 'body' ? 'body' : state.tab,
      };
  }
}
