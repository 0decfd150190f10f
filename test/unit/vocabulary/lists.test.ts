// The shared lists: the data-centre table holds together, the HTTP methods are the five a test
// request can use, and names follow one pattern.
import { describe, expect, it } from 'vitest';
import {
  CONNECTION_NAME_PATTERN,
  DATA_CENTRES,
  DC_CODES,
  HTTP_METHODS_TEXT,
  duplicateConnection,
  isHttpMethod,
  splitScopes,
} from '../../../main/vocabulary/index.js';

describe('data centres', () => {
  it('has one row per code, each on its own sign-in domain', () => {
    expect(Object.keys(DATA_CENTRES)).toEqual([...DC_CODES]);
    for (const code of DC_CODES) {
      const dc = DATA_CENTRES[code];
      expect(dc.code).toBe(code);
      expect(dc.accountsUrl).toBe(`https://accounts.${dc.domain}`);
      expect(dc.consoleUrl).toBe(`https://api-console.${dc.domain}`);
      expect(dc.apiDomain).toMatch(/^https:\/\/www\.zohoapis\.[a-z.]+$/);
    }
    expect(DATA_CENTRES.ca.apiDomain).toBe('https://www.zohoapis.ca');
    expect(DATA_CENTRES.cn.federated).toBe(false);
  });
});

describe('HTTP methods', () => {
  it('are the five a test request can use, and the text names them', () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(isHttpMethod(method)).toBe(true);
    }
    for (const method of ['HEAD', 'OPTIONS', 'get', 'FETCH'])
      expect(isHttpMethod(method)).toBe(false);
    expect(HTTP_METHODS_TEXT).toBe('GET, POST, PUT, PATCH or DELETE');
  });
});

describe('connection names', () => {
  it('take 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit', () => {
    expect(CONNECTION_NAME_PATTERN.test('acme-crm_eu.1')).toBe(true);
    expect(CONNECTION_NAME_PATTERN.test('a'.repeat(64))).toBe(true);
    expect(CONNECTION_NAME_PATTERN.test('a'.repeat(65))).toBe(false);
    expect(CONNECTION_NAME_PATTERN.test('-acme')).toBe(false);
    expect(CONNECTION_NAME_PATTERN.test('acme crm')).toBe(false);
  });

  it('say one thing when a name is taken', () => {
    expect(duplicateConnection('Acme')).toEqual({
      code: 'duplicate_connection',
      message: 'A connection named "Acme" already exists.',
      remedy: 'Choose another name, or remove the old one first.',
      details: { name: 'Acme' },
      cliHint: 'token-desk remove Acme',
    });
  });
});

describe('splitScopes', () => {
  it('splits on commas, spaces and new lines, in strings and arrays', () => {
    expect(splitScopes('A.b.READ, C.d.ALL\nE.f.READ')).toEqual(['A.b.READ', 'C.d.ALL', 'E.f.READ']);
    expect(splitScopes(['A.b.READ', 'C.d.ALL D.e.READ'])).toEqual([
      'A.b.READ',
      'C.d.ALL',
      'D.e.READ',
    ]);
    expect(splitScopes(' , ')).toEqual([]);
  });
});
