// The one self_client.json reader: what the wizard and the import both get for a good file and
// for each kind of bad one (the core's error and the wizard's message wrap these problems).
import { describe, expect, it } from 'vitest';
import { readSelfClientJson, SELF_CLIENT_FILE_REMEDY } from '../../../main/vocabulary/index.js';

const VALID = {
  scope: 'ZohoCRM.modules.ALL,ZohoCRM.users.READ',
  expiry_time: 1_769_431_483_587,
  client_id: '1000.ABCDEF',
  client_secret: 'the-secret',
  code: '1000.code',
  grant_type: 'authorization_code',
};

describe('readSelfClientJson', () => {
  it('reads a good file into the one shape, expiry as expiresAt', () => {
    expect(readSelfClientJson(JSON.stringify(VALID))).toEqual({
      ok: true,
      file: {
        clientId: '1000.ABCDEF',
        clientSecret: 'the-secret',
        code: '1000.code',
        scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ'],
        expiresAt: 1_769_431_483_587,
        grantType: 'authorization_code',
      },
    });
  });

  it('names the first missing or bad field, with the one remedy', () => {
    const { client_secret: _omitted, ...rest } = VALID;
    expect(readSelfClientJson(rest)).toEqual({
      ok: false,
      problem: {
        message: 'This self_client.json has no "client_secret" field.',
        remedy: SELF_CLIENT_FILE_REMEDY,
        field: 'client_secret',
      },
    });
    const badScope = readSelfClientJson({ ...VALID, scope: ['ZohoCRM.modules.ALL', 7] });
    expect(badScope.ok ? undefined : badScope.problem.message).toBe(
      'The "scope" field of this self_client.json is not valid.',
    );
  });

  it('says when the text is not JSON or not an object, without echoing it', () => {
    const notJson = readSelfClientJson('{"client_secret":"the-secret"');
    expect(notJson.ok ? undefined : notJson.problem).toEqual({
      message: 'The file is not valid JSON, so it is not a self_client.json from Zoho.',
      remedy: SELF_CLIENT_FILE_REMEDY,
    });
    const array = readSelfClientJson('[1]');
    expect(array.ok ? undefined : array.problem.message).toMatch(/does not contain a JSON object/);
  });
});
