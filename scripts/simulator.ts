// npm run simulator: the test suite's Zoho simulator, for people. It answers like Zoho on this
// computer only (127.0.0.1), with a demo Self Client, server-based client and Non-browser
// application (device flow) registered, so that the README's "Try it without a Zoho account"
// works without a Zoho account. It prints what the API Console would show (client ids and
// secrets, a Self Client grant code) and stays up until Ctrl+C. Press Enter for a new grant code.
// Plain http works only because it is on 127.0.0.1.
//
//   npm run simulator                 accounts server on 127.0.0.1:53180, API on 127.0.0.1:53181
//   npm run simulator -- --port 0     any free ports (printed)

import { createInterface } from 'node:readline';
import { startZohoSimulator } from '../test/support/zoho-simulator.js';

const DEFAULT_PORT = 53180;
const SELF = { clientId: '1000.DEMOSELFCLIENT', clientSecret: 'demo-self-client-secret' };
const SERVER = {
  clientId: '1000.DEMOSERVERCLIENT',
  clientSecret: 'demo-server-client-secret',
  redirectUri: 'http://localhost:53134/callback',
};
const DEVICE = { clientId: '1000.DEMODEVICECLIENT', clientSecret: 'demo-device-client-secret' };
/** What the demo Self Client's codes grant: the simulator's CRM slice and the user's profile. */
const SELF_SCOPES = ['ZohoCRM.org.READ', 'ZohoCRM.modules.leads.READ', 'AaaServer.profile.READ'];
/** The longest Time Duration the API Console offers (docs/zoho.md §3, Self Client). */
const CODE_TTL_MS = 10 * 60_000;

function portFromArgs(argv: string[]): number {
  const index = argv.indexOf('--port');
  if (index < 0) return DEFAULT_PORT;
  const value = argv[index + 1] ?? '';
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65534) {
    console.error(
      `simulator: --port takes a port from 1 to 65534 (or 0 for any free ports), not "${value}".`,
    );
    process.exit(2);
  }
  return port;
}

// Its output piped into `head` and closed: keep serving, just stop printing.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const port = portFromArgs(process.argv.slice(2));
let sim: Awaited<ReturnType<typeof startZohoSimulator>>;
try {
  sim = await startZohoSimulator({
    accountsPort: port,
    apiPort: port === 0 ? 0 : port + 1,
    grantCodeTtlMs: 120_000,
    selfClientCodeEndpoint: true,
    // Zoho asks for one poll per 30 s; 5 s keeps the demo of the device flow short.
    deviceIntervalMs: 5_000,
    deviceMinPollGapMs: 5_000,
  });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `simulator: port ${port} or ${port + 1} on 127.0.0.1 is in use (another simulator still running?). Stop it, or choose others: npm run simulator -- --port 53190`
      : `simulator: could not start (${code ?? (error as Error).message}).`,
  );
  process.exit(1);
}
sim.registerClient({ ...SELF, type: 'self' });
sim.registerClient({
  clientId: SERVER.clientId,
  clientSecret: SERVER.clientSecret,
  type: 'server',
  redirectUris: [SERVER.redirectUri],
});
sim.registerClient({ ...DEVICE, type: 'device' });

const query = `client_id=${SELF.clientId}&scope=${SELF_SCOPES.join(',')}`;
const codeUrl = `${sim.accountsUrl}/simulator/self-client-code?${query}`;
const fileUrl = `${sim.accountsUrl}/simulator/self_client.json?${query}`;

function printCode(): void {
  const { code, selfClientJson } = sim.issueSelfClientCode({
    clientId: SELF.clientId,
    scopes: SELF_SCOPES,
    ttlMs: CODE_TTL_MS,
  });
  const until = new Date(selfClientJson.expiry_time).toLocaleTimeString();
  console.log(
    `\nSelf Client grant code (single use, valid until ${until}; scopes ${SELF_SCOPES.join(',')}):\n  ${code}`,
  );
  console.log('Press Enter for another one.');
}

console.log(`Zoho simulator running on this computer (Ctrl+C to stop). Signed-in user: ${sim.user.displayName} <${sim.user.email}>.

  accounts server (--accounts-url)  ${sim.accountsUrl}
  API domain      (--api-domain)    ${sim.apiDomain}

  Self Client          client id ${SELF.clientId}      client secret ${SELF.clientSecret}
  Server-based client  client id ${SERVER.clientId}    client secret ${SERVER.clientSecret}
                       redirect URI ${SERVER.redirectUri}
  Non-browser app      client id ${DEVICE.clientId}     client secret ${DEVICE.clientSecret}
                       (device flow: enter its code at ${sim.accountsUrl}/oauth/v3/device)

A new grant code from a script:   curl -s '${codeUrl}'
A self_client.json to import:     curl -s -o self_client.json '${fileUrl}'`);
printCode();

const lines = createInterface({ input: process.stdin });
lines.on('line', printCode);

await new Promise<void>((resolve) => {
  const stop = () => resolve();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
lines.close();
await sim.close();
console.log('\nSimulator stopped.');
