// consent(): answers the consent page over plain HTTP the way a browser would — fetch the page,
// read its form, post the clicked button's name/value with the hidden fields — and returns the
// redirect Location unfollowed, so tests can hand it to the app's loopback receiver.

interface ConsentForm {
  action: string;
  fields: Record<string, string>;
  button: { name: string; value: string };
}

function unescapeHtml(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? unescapeHtml(match[1]!) : undefined;
}

function pageTitle(html: string): string {
  const match = /<title>([^<]*)<\/title>/.exec(html);
  return match ? unescapeHtml(match[1]!) : 'no title';
}

function readConsentForm(html: string, decision: 'accept' | 'reject'): ConsentForm {
  const formTag = /<form\b[^>]*>/.exec(html)?.[0];
  const action = formTag === undefined ? undefined : attribute(formTag, 'action');
  if (action === undefined) throw new Error('consent page has no form');
  const fields: Record<string, string> = {};
  for (const [input] of html.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(input, 'name');
    if (attribute(input, 'type') === 'hidden' && name !== undefined)
      fields[name] = attribute(input, 'value') ?? '';
  }
  const buttonTag = [...html.matchAll(/<button\b[^>]*>/g)]
    .map(([tag]) => tag)
    .find((tag) => attribute(tag, 'data-testid') === `consent-${decision}`);
  const name = buttonTag === undefined ? undefined : attribute(buttonTag, 'name');
  const value = buttonTag === undefined ? undefined : attribute(buttonTag, 'value');
  if (name === undefined || value === undefined)
    throw new Error(`consent page has no ${decision} button`);
  return { action, fields, button: { name, value } };
}

export async function driveConsent(
  accountsUrl: string,
  authorizationUrl: string,
  decision: 'accept' | 'reject',
): Promise<string> {
  const pageUrl = new URL(authorizationUrl);
  if (pageUrl.origin !== new URL(accountsUrl).origin) {
    throw new Error(
      `consent: ${pageUrl.origin} is not this simulator's accounts server (${accountsUrl})`,
    );
  }
  const page = await fetch(pageUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200)
    throw new Error(
      `consent: the authorization URL was refused (HTTP ${page.status}: ${pageTitle(html)})`,
    );
  const form = readConsentForm(html, decision);
  const body = new URLSearchParams({ ...form.fields, [form.button.name]: form.button.value });
  const answer = await fetch(new URL(form.action, pageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
  });
  const answerBody = await answer.text();
  const location = answer.headers.get('location');
  if (answer.status !== 302 || location === null) {
    throw new Error(
      `consent: expected a redirect, got HTTP ${answer.status} (${pageTitle(answerBody)})`,
    );
  }
  return location;
}
