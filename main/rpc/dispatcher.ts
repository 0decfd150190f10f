// Turns a method name and an untrusted argument into a call of its handler: the name must be in
// the contract, the params are parsed with the contract's schema, and every failure comes back as
// an RpcError envelope (typed errors keep their code, message and remedy; anything else becomes a
// generic message, so no stack or secret crosses to the UI). Both shells call this.

import type * as z from 'zod/mini';
import { isTokenDeskError } from '../core/errors.js';
import { methods, type MethodName, type Result, type RpcEnvelope } from './contract.js';

export type RpcHandlers = {
  [M in MethodName]: (params: z.output<(typeof methods)[M]['params']>) => Promise<Result<M>>;
};

export type Dispatch = (method: string, rawParams: unknown) => Promise<RpcEnvelope<unknown>>;

const isMethod = (name: string): name is MethodName =>
  Object.prototype.hasOwnProperty.call(methods, name);

export function createDispatcher(handlers: RpcHandlers): Dispatch {
  return async (method, rawParams) => {
    if (!isMethod(method)) {
      return {
        ok: false,
        error: {
          code: 'unknown_method',
          message: `Unknown operation "${method}".`,
          remedy: 'Update Token Desk: the window and the app are out of step.',
        },
      };
    }
    const parsed = methods[method].params.safeParse(rawParams ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
      return {
        ok: false,
        error: {
          code: 'bad_params',
          message: `The request to ${method} was not valid${where}: ${issue?.message ?? 'bad input'}.`,
          remedy: 'Check the form and try again.',
        },
      };
    }
    try {
      const handler = handlers[method] as (params: unknown) => Promise<unknown>;
      return { ok: true, result: await handler(parsed.data) };
    } catch (error) {
      if (isTokenDeskError(error)) {
        return {
          ok: false,
          error: {
            code: error.code,
            message: error.message,
            remedy: error.remedy,
            details: error.details,
          },
        };
      }
      return {
        ok: false,
        error: {
          code: 'unexpected',
          message: 'Something unexpected went wrong.',
          remedy: 'Try again; if it keeps happening, restart Token Desk.',
        },
      };
    }
  };
}
