// The TokenDeskError a call fails with, for tests that then look at its code, message and remedy.
// Each fails the test (rather than returning nothing) when the call succeeds or throws something
// untyped, so an assertion on the result can never pass by accident.

import { expect } from 'vitest';
import { TokenDeskError } from '../../main/core/errors.js';

/** The TokenDeskError the promise rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<TokenDeskError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TokenDeskError);
  return error as TokenDeskError;
}

/** The TokenDeskError the action throws. */
export function thrown(action: () => unknown): TokenDeskError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(TokenDeskError);
    return error as TokenDeskError;
  }
  throw new Error('expected a failure');
}
