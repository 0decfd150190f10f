// At most one browser authorization waits at a time (as in Bruno): starting a new one cancels
// the previous one, which rejects with 'authorization_cancelled', and waits until its receiver has
// released the port, so that the new one can listen on the same redirect URI.

import { TokenDeskError } from '../errors.js';
import type { LoopbackListenerPort } from '../ports.js';
import {
  startLoopbackReceiver,
  type CallbackResult,
  type LoopbackReceiver,
  type LoopbackReceiverOptions,
} from './loopback-receiver.js';

export type PendingAuthorizationParams = Omit<LoopbackReceiverOptions, 'signal'> & {
  /** Cancels this authorization (like cancel()). */
  signal?: AbortSignal;
};

export interface PendingAuthorization {
  /** Increases with every start; tells a UI which attempt an event belongs to. */
  readonly id: number;
  readonly redirectUri: string;
  readonly expectedState: string;
  readonly startedAt: number;
  /** Settles once: the callback, or a TokenDeskError (cancelled, timed out, denied...). */
  readonly result: Promise<CallbackResult>;
  readonly settled: boolean;
  cancel(): void;
}

interface Slot {
  id: number;
  controller: AbortController;
  /** Resolves once this attempt no longer holds the port, whatever happened to it. */
  released: Promise<void>;
}

export class AuthorizationCoordinator {
  #nextId = 1;
  #current: Slot | undefined;
  #currentPending: PendingAuthorization | undefined;
  readonly #loopback: LoopbackListenerPort;
  readonly #now: () => number;

  /** `loopback` is where the receivers listen (node:http in main/platform/node). */
  constructor(options: { loopback: LoopbackListenerPort; now?: () => number }) {
    this.#loopback = options.loopback;
    this.#now = options.now ?? Date.now;
  }

  /** The authorization waiting for its callback, if any. */
  get current(): PendingAuthorization | undefined {
    return this.#currentPending?.settled === false ? this.#currentPending : undefined;
  }

  /** Cancels the waiting authorization, if any. */
  cancelCurrent(): void {
    this.#current?.controller.abort();
  }

  /**
   * Starts listening for a new authorization, cancelling the one before. Rejects with
   * 'authorization_cancelled' if yet another start supersedes this one while it is starting.
   */
  async start(params: PendingAuthorizationParams): Promise<PendingAuthorization> {
    const previous = this.#current;
    const controller = new AbortController();
    let release!: () => void;
    const slot: Slot = {
      id: this.#nextId++,
      controller,
      released: new Promise<void>((resolve) => (release = resolve)),
    };
    this.#current = slot;
    const outside = params.signal;
    const onOutsideAbort = () => controller.abort();
    if (outside?.aborted) controller.abort();
    outside?.addEventListener('abort', onOutsideAbort, { once: true });

    let receiver: LoopbackReceiver;
    try {
      if (previous) {
        previous.controller.abort();
        await previous.released;
      }
      if (controller.signal.aborted) throw cancelled();
      receiver = await startLoopbackReceiver(this.#loopback, {
        ...params,
        signal: controller.signal,
      });
    } catch (error) {
      outside?.removeEventListener('abort', onOutsideAbort);
      release();
      if (this.#current === slot) this.#current = undefined;
      throw error;
    }

    let settled = false;
    const done = () => {
      settled = true;
      outside?.removeEventListener('abort', onOutsideAbort);
      if (this.#current === slot) this.#current = undefined;
      // The receiver settles only after its servers closed: the port is free again.
      release();
    };
    receiver.result.then(done, done);

    const pending: PendingAuthorization = {
      id: slot.id,
      redirectUri: receiver.redirectUri,
      expectedState: params.expectedState,
      startedAt: this.#now(),
      result: receiver.result,
      get settled() {
        return settled;
      },
      cancel: () => controller.abort(),
    };
    if (this.#current === slot) this.#currentPending = pending;
    return pending;
  }
}

function cancelled(): TokenDeskError {
  return new TokenDeskError(
    'authorization_cancelled',
    'The authorization was cancelled because a newer one was started.',
    {
      category: 'auth',
      remedy: 'Finish the newest authorization in the browser, or run it again.',
    },
  );
}
