import { describe, expect, it } from 'vitest';
import { clientSecretFor, dcOfGrant } from '../../../../main/core/connections/dc-secrets.js';
import type { SecretKind } from '../../../../main/core/store/connection.js';

function secrets(values: Partial<Record<SecretKind, string>>) {
  return { get: async (kind: SecretKind) => values[kind] ?? null };
}

describe('Multi-DC secrets', () => {
  it("finds the DC from a Zoho accounts server, else from Zoho's location", () => {
    expect(dcOfGrant('https://accounts.zoho.eu', undefined)).toBe('eu');
    expect(dcOfGrant('https://accounts.zohocloud.ca', 'us')).toBe('ca');
    expect(dcOfGrant('http://127.0.0.1:9999', 'IN')).toBe('in');
    expect(dcOfGrant('http://127.0.0.1:9999', 'mars')).toBeUndefined();
  });

  it("uses the DC's own secret when the connection has one for it, else the client secret", async () => {
    const vault = secrets({ client_secret: 'main-secret', 'client_secret.eu': 'eu-secret' });
    const withEu = { dcSecrets: ['eu' as const] };
    expect(await clientSecretFor(vault, withEu, 'https://accounts.zoho.eu', undefined)).toBe(
      'eu-secret',
    );
    expect(await clientSecretFor(vault, withEu, 'https://accounts.zoho.in', undefined)).toBe(
      'main-secret',
    );
    // Not listed on the connection: the entry is not trusted to be meant for it.
    expect(await clientSecretFor(vault, {}, 'https://accounts.zoho.eu', undefined)).toBe(
      'main-secret',
    );
  });
});
