import { describe, expect, it } from 'vitest';
import { createRefreshTokenLedger } from '../../../../main/core/tokens/refresh-token-ledger.js';
import {
  createMemoryDisk,
  createMemoryDocumentStore,
  createMemoryLock,
} from '../../../support/memory-document-store.js';
import { T0, makeConnection } from '../../../support/fakes.js';

const ADA = { zuid: '700000001', email: 'ada@example.com' };

function setup() {
  const document = createMemoryDocumentStore(createMemoryDisk());
  const ledger = createRefreshTokenLedger(document, createMemoryLock());
  return { document, ledger };
}

describe('the 20-refresh-token warning', () => {
  it('warns only before the 21st token of one user and client, naming the connection it breaks', async () => {
    const { ledger } = setup();
    const first = makeConnection({ id: 'c-first', name: 'first', user: ADA });
    await ledger.recordMint(first, T0);
    const others = Array.from({ length: 18 }, (_, i) =>
      makeConnection({ id: `c-${i}`, name: `other-${i}`, user: ADA }),
    );
    for (const [i, c] of others.entries()) await ledger.recordMint(c, T0 + i + 1);
    const next = makeConnection({ id: 'c-next', name: 'next', user: ADA });
    const all = [first, ...others, next];
    // 19 so far: the 20th is fine.
    expect(ledger.warningBeforeSignIn(next, all)).toBeUndefined();
    await ledger.recordMint(next, T0 + 100);
    const warning = ledger.warningBeforeSignIn(next, all);
    expect(warning).toContain('already had 20 refresh tokens');
    expect(warning).toContain('connection "first" uses: "first" will stop working');
  });

  it('counts per client, accounts server and user; revoked tokens do not count', async () => {
    const { ledger } = setup();
    const mine = Array.from({ length: 20 }, (_, i) =>
      makeConnection({ id: `c-${i}`, name: `c-${i}`, user: ADA }),
    );
    for (const [i, c] of mine.entries()) await ledger.recordMint(c, T0 + i);
    const otherUser = makeConnection({ id: 'x', name: 'x', user: { zuid: '42' } });
    const otherClient = makeConnection({ id: 'y', name: 'y', user: ADA, clientId: '1000.OTHER' });
    const otherDc = makeConnection({
      id: 'z',
      name: 'z',
      user: ADA,
      accountsUrl: 'https://accounts.zoho.in',
    });
    expect(ledger.warningBeforeSignIn(otherUser, mine)).toBeUndefined();
    expect(ledger.warningBeforeSignIn(otherClient, mine)).toBeUndefined();
    expect(ledger.warningBeforeSignIn(otherDc, mine)).toBeUndefined();
    expect(ledger.warningBeforeSignIn(mine[0]!, mine)).toBeDefined();
    await ledger.recordRevoked('c-3');
    expect(ledger.warningBeforeSignIn(mine[0]!, mine)).toBeUndefined();
  });

  it('says when the oldest token belongs to no connection here any more', async () => {
    const { ledger } = setup();
    const again = makeConnection({ id: 'again', name: 'again', user: ADA });
    // Signed in 20 times: its old tokens stay alive at Zoho; only the newest is in use.
    for (let i = 0; i < 20; i++) await ledger.recordMint(again, T0 + i);
    expect(ledger.warningBeforeSignIn(again, [again])).toContain(
      'which no connection here uses any more',
    );
  });

  it('a connection never signed in is counted against the busiest user of its client', async () => {
    const { ledger } = setup();
    const used = Array.from({ length: 20 }, (_, i) =>
      makeConnection({ id: `c-${i}`, name: `c-${i}`, user: ADA }),
    );
    for (const [i, c] of used.entries()) await ledger.recordMint(c, T0 + i);
    const fresh = makeConnection({ id: 'new', name: 'new', user: undefined });
    expect(ledger.warningBeforeSignIn(fresh, [...used, fresh])).toContain('700000001');
  });

  it('holds no secret and ignores a damaged file', async () => {
    const { ledger, document } = setup();
    await ledger.recordMint(makeConnection({ user: ADA }), T0);
    expect(Object.keys((document.read() as { mints: object[] }).mints[0]!).sort()).toEqual(
      ['accountsUrl', 'at', 'clientId', 'connectionId', 'connectionName', 'user'].sort(),
    );
    await document.write({ nonsense: true });
    expect(ledger.warningBeforeSignIn(makeConnection({}), [])).toBeUndefined();
  });
});
