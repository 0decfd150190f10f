// HTML of the accounts server: the consent page a browser (or consent()) answers, and the error
// pages Zoho shows instead of redirecting (unknown client, redirect URI mismatch, bad scope).
// Self-contained: no scripts, images, fonts or links to elsewhere.
import type { PendingAuthorization } from './state.js';
import type { SimulatedUser } from './types.js';

export const CONSENT_FORM_PATH = '/oauth/v2/approve';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1d2330; }
  main { max-width: 34rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 8px; }
  h1 { font-size: 1.35rem; margin-top: 0; }
  h2 { font-size: 1.05rem; }
  code { background: #eef1f5; padding: 0 .25rem; border-radius: 3px; overflow-wrap: anywhere; }
  .actions { display: flex; gap: 1rem; margin-top: 1.5rem; }
  button { font: inherit; padding: .5rem 1.5rem; border-radius: 4px; border: 1px solid #1b5fc1; cursor: pointer; }
  button[value=accept] { background: #1b5fc1; color: #fff; }
  button[value=reject] { background: #fff; color: #1b5fc1; }
  button:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export function consentPage(request: PendingAuthorization, user: SimulatedUser): string {
  const app = escapeHtml(request.clientId);
  const scopes = request.scopes
    .map((scope) => `    <li><code>${escapeHtml(scope)}</code></li>`)
    .join('\n');
  const offline =
    request.accessType === 'offline'
      ? `  <p data-testid="consent-offline">The application will also keep access while you are away (offline access).</p>\n`
      : '';
  return page(
    `Authorize ${request.clientId} - Zoho Accounts`,
    `<main aria-labelledby="consent-title">
  <h1 id="consent-title"><span data-testid="consent-app-name">${app}</span> would like to access your Zoho account</h1>
  <p>Signed in as <strong>${escapeHtml(user.displayName)}</strong> (${escapeHtml(user.email)}).</p>
  <h2 id="consent-scopes-heading">Requested permissions</h2>
  <ul aria-labelledby="consent-scopes-heading" data-testid="consent-scopes">
${scopes}
  </ul>
${offline}  <p id="consent-return">After you choose, you will be sent back to <code>${escapeHtml(request.redirectUri)}</code>.</p>
  <form method="post" action="${CONSENT_FORM_PATH}" aria-label="Allow or deny access for ${app}" aria-describedby="consent-return">
    <input type="hidden" name="request_id" value="${escapeHtml(request.id)}">
    <div class="actions">
      <button type="submit" name="decision" value="accept" data-testid="consent-accept">Accept</button>
      <button type="submit" name="decision" value="reject" data-testid="consent-reject">Reject</button>
    </div>
  </form>
</main>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(
    `${title} - Zoho Accounts`,
    `<main aria-labelledby="error-title">
  <h1 id="error-title" data-testid="oauth-error-title">${escapeHtml(title)}</h1>
  <p data-testid="oauth-error-message">${escapeHtml(message)}</p>
</main>`,
  );
}
