// The renderer's only way to reach the core: `call` a contract method, `on` a contract event.
// A transport carries the contract's RpcEnvelope (Electron IPC through the preload bridge, or
// loopback HTTP in browser mode); this client turns an error envelope into a thrown RpcFailure that
// carries the RpcError (message + remedy) intact. No DOM-only API here: test fakes import it.

import {
  events,
  methods,
  rpcError,
  type EventName,
  type EventPayload,
  type MethodName,
  type Params,
  type Result,
  type RpcEnvelope,
  type RpcError,
} from '../../../main/rpc/contract.js';

export interface RpcClient {
  /** Calls a method; resolves with its result or throws an RpcFailure carrying the RpcError. */
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** What a method call failed with, as the core described it (plain message and a remedy). */
export class RpcFailure extends Error {
  readonly error: RpcError;
  constructor(error: RpcError) {
    super(error.message);
    this.name = 'RpcFailure';
    this.error = error;
  }
  get code(): string {
    return this.error.code;
  }
  get remedy(): string {
    return this.error.remedy;
  }
}

/** Any thrown value as an RpcError, for showing: RpcFailures keep theirs, anything else is generic. */
export function toRpcError(thrown: unknown): RpcError {
  if (thrown instanceof RpcFailure) return thrown.error;
  return {
    code: 'unexpected',
    message: 'Something unexpected went wrong in this window.',
    remedy: 'Try again; if it keeps happening, reload the window or restart Token Desk.',
  };
}

/** The two things a transport must do; the client adds failures, validation and event parsing. */
export interface RpcTransport {
  send(method: MethodName, params: unknown): Promise<RpcEnvelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export interface RpcClientOptions {
  /** Parse every result with the contract's schema (development builds): catches contract drift early. */
  validateResults?: boolean;
}

const isEnvelope = (value: unknown): value is RpcEnvelope<unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  if (v.ok === true) return 'result' in v;
  return v.ok === false && rpcError.safeParse(v.error).success;
};

export function createRpcClient(
  transport: RpcTransport,
  options: RpcClientOptions = {},
): RpcClient {
  return {
    async call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
      const envelope = await transport.send(method, params ?? {});
      if (!isEnvelope(envelope)) {
        throw new RpcFailure({
          code: 'bad_response',
          message: `Token Desk answered "${method}" in a shape this window does not understand.`,
          remedy:
            'Reload the window; if it keeps happening, the window and the app are out of step: restart Token Desk.',
        });
      }
      if (!envelope.ok) throw new RpcFailure(envelope.error);
      if (!options.validateResults) return envelope.result as Result<M>;
      const parsed = methods[method].result.safeParse(envelope.result);
      if (!parsed.success) {
        throw new RpcFailure({
          code: 'bad_result',
          message: `Token Desk answered "${method}" with data this window does not expect.`,
          remedy: 'The window and the app are out of step: restart Token Desk.',
        });
      }
      return parsed.data as Result<M>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return transport.subscribe(event, (payload) => {
        // Events are always parsed: a malformed one is dropped rather than crashing a screen.
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<E>);
      });
    },
  };
}
