// CI step: `npm audit --omit=dev` on the production dependencies (what ships in the app and the
// CLI), telling apart "the advisory service could not be reached" (a notice; the run goes on:
// CI machines without it, such as this project's own, must still test) from "vulnerabilities
// found" (reported loudly, and the run fails for high or critical ones; see POLICY).
//
// Reads the JSON of `npm audit --omit=dev --json` on stdin; exits 0 or 1.

/**
 * Fail at high or critical: the shipped code holds OAuth client secrets and tokens, so such an
 * advisory in it blocks a release until it is fixed or the dependency goes. Low and moderate
 * ones are printed as warnings without failing: fixes often lag upstream, and blocking every
 * unrelated change on them would teach people to ignore the step.
 */
const FAIL_AT = new Set(['high', 'critical']);
const ORDER = ['critical', 'high', 'moderate', 'low', 'info'];

const text = await new Promise((resolve) => {
  let data = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => (data += chunk));
  process.stdin.on('end', () => resolve(data));
});

let report;
try {
  report = JSON.parse(text);
} catch {
  report = undefined;
}

const counts = report?.metadata?.vulnerabilities;
if (!report || typeof report.vulnerabilities !== 'object' || typeof counts !== 'object') {
  // No audit report: the service refused or could not be reached (a 405 from a mirror that has
  // no advisory endpoint, ENOTFOUND, a timeout), or npm failed before asking.
  const why =
    report?.message ||
    report?.error?.summary ||
    report?.error?.code ||
    report?.statusCode ||
    'no answer from npm audit';
  console.log(
    `::notice::npm audit: the advisory service could not be reached (${String(why).slice(0, 200)}); ` +
      'production dependencies were not checked in this run.',
  );
  process.exit(0);
}

const found = Object.values(report.vulnerabilities);
if (found.length === 0) {
  console.log('npm audit: no known vulnerabilities in the production dependencies.');
  process.exit(0);
}
found.sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
let failing = 0;
for (const v of found) {
  const blocks = FAIL_AT.has(v.severity);
  if (blocks) failing += 1;
  const titles = (v.via ?? [])
    .filter((via) => typeof via === 'object')
    .map((via) => `${via.title} (${via.url})`);
  const fix = v.fixAvailable ? 'a fix is available (npm audit fix)' : 'no fix available yet';
  console.log(
    `::${blocks ? 'error' : 'warning'}::npm audit: ${v.severity} vulnerability in ${v.name} ` +
      `${v.range}${titles.length ? `: ${titles.join('; ')}` : ''}; ${fix}.`,
  );
}
const summary = ORDER.filter((s) => counts[s] > 0)
  .map((s) => `${counts[s]} ${s}`)
  .join(', ');
console.log(`npm audit: production dependencies have known vulnerabilities: ${summary}.`);
if (failing > 0) {
  console.log(
    'npm audit: failing the run for high or critical vulnerabilities (see .ci/audit.mjs).',
  );
  process.exit(1);
}
