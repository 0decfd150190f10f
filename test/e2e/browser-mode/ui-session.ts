// One end-to-end session of the browser mode: a fresh harness (Zoho simulator + `token-desk ui
// --no-open` on a temp home) and a fresh browser context whose pages report every uncaught error
// and console error, plus the steps of the new-connection wizard as a user takes them, and the
// vitest hooks a test file uses to run one such session a test in one Chromium.

import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from '../../support/browser.js';
import {
  RENDERER_DIR,
  rendererBuilt,
  startBrowserModeHarness,
  type BrowserModeHarness,
} from '../../support/browser-mode-harness.js';
import type { ZohoSimulatorOptions } from '../../support/zoho-simulator.js';

/** Long enough for a slow CI machine, short enough to fail inside vitest's test timeout. */
const ACTION_TIMEOUT_MS = 10_000;

export interface UiSession {
  harness: BrowserModeHarness;
  context: BrowserContext;
  /** The Token Desk tab, opened on the harness's address (with the #secret= fragment). */
  page: Page;
  /** Uncaught page errors and console errors of every page of the context, with the page's URL. */
  problems: string[];
  close(): Promise<void>;
}

function watch(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`pageerror on ${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error')
      problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
}

export async function openUiSession(
  browser: Browser,
  options: { simulator?: ZohoSimulatorOptions } = {},
): Promise<UiSession> {
  const harness = await startBrowserModeHarness(options);
  const problems: string[] = [];
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    // Copy writes navigator.clipboard; the test reads it back in the page.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(harness.server.url).origin,
    });
    context.on('page', (page) => watch(page, problems));
    const page = await context.newPage();
    await page.goto(harness.openUrl);
    const opened = context;
    return {
      harness,
      context: opened,
      page,
      problems,
      async close() {
        await opened.close();
        await harness.close();
      },
    };
  } catch (error) {
    await context?.close();
    await harness.close();
    throw error;
  }
}

/** What this machine lacks to run the browser-mode tests: Chromium, the renderer build. */
export function missingForBrowserMode(): string[] {
  return [
    ...(chromiumAvailable() ? [] : [`Chromium (${CHROMIUM_PATH})`]),
    ...(rendererBuilt() ? [] : [`the renderer build (${RENDERER_DIR}; npm run build:renderer)`]),
  ];
}

/**
 * Whether to skip: only on a developer machine that lacks something. CI must run the tests, and
 * useUiSessions' beforeAll then fails, naming what is missing.
 */
export function skipBrowserMode(missing: readonly string[]): boolean {
  return missing.length > 0 && !process.env.CI;
}

export interface UiSessions {
  /** A fresh harness + context for this test; closed (and checked for page errors) after it. */
  open(options?: { simulator?: ZohoSimulatorOptions }): Promise<UiSession>;
}

/**
 * Registers the hooks of the calling describe block: one Chromium for the block (refused under CI
 * when something is `missing`, naming `tests`), and after each test its session closed with no
 * uncaught page errors or console errors.
 */
export function useUiSessions(tests: string, missing: readonly string[]): UiSessions {
  let browser: Browser | undefined;
  let session: UiSession | undefined;

  beforeAll(async () => {
    if (missing.length > 0)
      throw new Error(`CI must run the ${tests}, but ${missing.join(' and ')} is missing`);
    browser = await launchChromium();
  });

  afterEach(async () => {
    const finished = session;
    session = undefined;
    if (!finished) return;
    const problems = [...finished.problems];
    await finished.close();
    expect(problems, 'uncaught page errors or console errors').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  return {
    async open(options = {}) {
      if (!browser) throw new Error('Chromium did not start');
      session = await openUiSession(browser, options);
      return session;
    },
  };
}

/** Text of an element, trimmed ('' when it has none). */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/** Waits until the element's text matches. */
export async function waitForText(locator: Locator, text: string | RegExp): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}

export interface ClientStepInput {
  name: string;
  dc?: string;
  type?: 'self' | 'server' | 'device';
  clientId?: string;
  clientSecret?: string;
  /** Server clients: the loopback redirect URI registered with the simulator. */
  redirectUri?: string;
}

/** Empty state -> "Add your first connection" -> the wizard's first step. */
export async function openWizard(page: Page): Promise<void> {
  await page.getByTestId('empty-state').waitFor();
  await page.getByTestId('empty-start').click();
  await page.getByTestId('wizard-name').waitFor();
}

/** Wizard step 1 as a user fills it, with the simulator as custom servers (Advanced). */
export async function fillClientStep(session: UiSession, input: ClientStepInput): Promise<void> {
  const { page, harness } = session;
  await page.getByTestId('wizard-name').fill(input.name);
  if (input.dc) await page.getByTestId('wizard-dc').selectOption(input.dc);
  if (input.type) await page.getByTestId(`wizard-type-${input.type}`).check();
  if (input.clientId !== undefined) await page.getByTestId('wizard-client-id').fill(input.clientId);
  if (input.clientSecret !== undefined)
    await page.getByTestId('wizard-client-secret').fill(input.clientSecret);
  const toggle = page.getByTestId('wizard-advanced-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.getByTestId('wizard-accounts-url').fill(harness.sim.accountsUrl);
  await page.getByTestId('wizard-api-domain').fill(harness.sim.apiDomain);
  if (input.redirectUri !== undefined)
    await page.getByTestId('wizard-redirect-uri-input').fill(input.redirectUri);
}

/** Waits for every scope to be checked by the core and listed as chosen. */
export async function waitForScopes(page: Page, scopes: readonly string[]): Promise<void> {
  const chosen = page.getByTestId('wizard-scopes-chosen');
  for (const scope of scopes) await chosen.getByText(scope, { exact: true }).waitFor();
}

/**
 * A Self Client's code step: opens the optional scope chooser ("Not sure which scopes…", or the
 * scopes of a loaded self_client.json) unless it is open already (it stays open after Back).
 */
export async function openSelfClientScopes(page: Page): Promise<void> {
  await page.getByTestId('wizard-code').waitFor();
  const toggle = page.getByTestId('wizard-scope-help-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/** Connections shown in the sidebar, by test id. */
export function sidebarItem(page: Page, name: string): Locator {
  return page.getByTestId(`connection-item-${name}`);
}
