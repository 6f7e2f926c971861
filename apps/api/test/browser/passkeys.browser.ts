import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { startTestApp, type TestApp } from '../harness.ts';

/**
 * A real browser against the real server: Chromium's virtual authenticator (CDP WebAuthn domain)
 * creates and uses a passkey through the demo page, so the browser's own WebAuthn code, CBOR and
 * JSON serialisation meet our verification. Run by scripts/ci/browser.sh.
 */
const CHROMIUM = process.env.QEETID_CHROMIUM ?? '/usr/bin/chromium';

let t: TestApp;
let server: ServerType;
let base: string;
let browser: Browser;
let page: Page;
let cdp: CDPSession;
let authenticatorId: string;

beforeAll(async () => {
  t = await startTestApp();
  // The page must be on http://localhost:<port>: a secure context whose host is the RP ID.
  let fetcher: (req: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  server = serve({ fetch: (req) => fetcher(req), port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://localhost:${port}`;
  const config = loadConfig({ PORT: String(port), QEETID_DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent' });
  // The test database and keys, with the relying party of this port.
  fetcher = createApp({ ...t.deps, config }, { validateResponses: true }).fetch;

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext();
  page = await context.newPage();
  cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  }));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await t?.close();
});

const statusText = () => page.locator('#status').textContent();

describe('passkeys in Chromium (virtual authenticator)', () => {
  let userId = '';

  it('signs up with nothing but a passkey', async () => {
    await page.goto(`${base}/passkeys/demo`);
    await page.fill('#email', 'browser@passkeys.test');
    await page.fill('#name', 'Browser User');
    await page.click('#signup-button');
    await expect.poll(statusText, { timeout: 15_000 }).toMatch(/^(signed-up|error):/);
    const status = (await statusText()) ?? '';
    expect(status).toMatch(/^signed-up:usr_/);
    userId = status.slice('signed-up:'.length);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);
  });

  it('signs in again with the same passkey, usernameless', async () => {
    await page.goto(`${base}/passkeys/demo`);
    await page.click('#signin-button');
    await expect.poll(statusText, { timeout: 15_000 }).toMatch(/^(signed-in|error):/);
    expect(await statusText()).toBe(`signed-in:${userId}`);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials[0]?.signCount).toBeGreaterThanOrEqual(1);
  });
});
