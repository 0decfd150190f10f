// The checks of a test request made before any token is fetched.

import { describe, expect, it } from 'vitest';
import {
  checkHttpMethod,
  checkJsonBody,
  parseHeaderLine,
} from '../../../../main/core/requests/request-input.js';
import { thrown } from '../../../support/typed-errors.js';

describe('request input', () => {
  it('upper-cases a method and refuses what is not one', () => {
    expect(checkHttpMethod('get')).toBe('GET');
    const error = thrown(() => checkHttpMethod('FETCH'));
    expect(error.code).toBe('bad_method');
    expect(error.category).toBe('input');
  });

  it('refuses a body that is not JSON, with a shell-neutral remedy and the CLI spelling as hint', () => {
    expect(() => checkJsonBody('{"a":1}')).not.toThrow();
    const error = thrown(() => checkJsonBody('{a:1}'));
    expect(error.code).toBe('bad_json');
    expect(error.remedy).not.toContain('--');
    expect(error.cliHint).toBe('--data @file.json');
  });

  it('splits a header line at its first colon, and refuses one without a name', () => {
    expect(parseHeaderLine('orgId: 123:4')).toEqual(['orgId', '123:4']);
    const error = thrown(() => parseHeaderLine(': x'));
    expect(error.code).toBe('bad_header');
    expect(error.remedy).not.toContain('--');
  });
});
