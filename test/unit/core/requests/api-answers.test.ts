// How Token Desk recognises "the token lacks a scope" in an API answer (docs/zoho.md §11): the
// response viewer and the CLI then name the missing scope and offer to add it.

import { describe, expect, it } from 'vitest';
import { isScopeMismatch } from '../../../../main/core/requests/api-answers.js';

describe('isScopeMismatch', () => {
  it("recognises Books' code 57 (also Invoice, Inventory, Expense)", () => {
    expect(
      isScopeMismatch(
        401,
        '{"code":57,"message":"You are not authorized to perform this operation"}',
      ),
    ).toBe(true);
    expect(isScopeMismatch(401, '{ "code" : 57 , "message": "…" }')).toBe(true);
  });

  it("recognises CRM and Bigin's OAUTH_SCOPE_MISMATCH", () => {
    expect(
      isScopeMismatch(
        401,
        '{"code":"OAUTH_SCOPE_MISMATCH","details":{},"message":"invalid oauth scope to access this URL","status":"error"}',
      ),
    ).toBe(true);
  });

  it("recognises Mail and Social's INVALID_OAUTHSCOPE", () => {
    expect(
      isScopeMismatch(
        401,
        '{"data":{"errorCode":"INVALID_OAUTHSCOPE"},"status":{"code":401,"description":"Invalid Input"}}',
      ),
    ).toBe(true);
    expect(isScopeMismatch(401, '{"message":"INVALID_OAUTHSCOPE"}')).toBe(true);
  });

  it('does not call other answers a scope mismatch', () => {
    // A token that is invalid or expired is a different problem (the runner refreshes once).
    expect(isScopeMismatch(401, '{"code":"INVALID_TOKEN","message":"invalid oauth token"}')).toBe(
      false,
    );
    // Books: no Authorization header (code 14), and codes that merely start with 57.
    expect(isScopeMismatch(401, '{"code":14,"message":"Invalid value passed for authtoken"}')).toBe(
      false,
    );
    expect(isScopeMismatch(400, '{"code":5701,"message":"Invalid value"}')).toBe(false);
    expect(isScopeMismatch(400, '{"code":570,"message":"…"}')).toBe(false);
    // Success bodies never count, even when they contain the words.
    expect(isScopeMismatch(200, '{"code":57}')).toBe(false);
    expect(isScopeMismatch(200, '{"note":"OAUTH_SCOPE_MISMATCH"}')).toBe(false);
    expect(isScopeMismatch(404, '{"code":"INVALID_URL_PATTERN"}')).toBe(false);
  });
});
