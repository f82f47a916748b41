// Opens a test page that loads e2e/relay-page.js (served by the test on its own loopback origin) in headless
// Debian chromium and runs relayDataChannel(endpoint, token): credentials from the TURN credentials endpoint, then a relay-only data
// channel between two peer connections through local coturn. Prints one JSON line; exit 0 = relayed, 1 = failed.
//
// usage: ID_TOKEN=... node e2e/relay-datachannel.mjs PAGE_URL ENDPOINT_URL [CHROMIUM] [TIMEOUT_MS]
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [pageUrl, endpoint, executablePath = '/usr/bin/chromium', timeoutArg = '30000'] = process.argv.slice(2);
const idToken = process.env.ID_TOKEN;
const timeoutMs = Number(timeoutArg);
if (!pageUrl || !endpoint || !idToken) {
  console.error('usage: ID_TOKEN=... node relay-datachannel.mjs PAGE_URL ENDPOINT_URL [CHROMIUM] [TIMEOUT_MS]');
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), 'turnkit-chromium-'));
let context;
let exitCode = 1;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    timeout: timeoutMs,
    args: ['--no-sandbox', '--headless', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-gpu'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.on('console', m => console.error('page: ' + m.text()));
  await page.goto(pageUrl, { timeout: timeoutMs });
  const result = await page.evaluate(([e, t, ms]) => relayDataChannel(e, t, ms), [endpoint, idToken, timeoutMs]);
  console.log(JSON.stringify(result));
  exitCode = result.channelState === 'open' && result.localCandidateType === 'relay'
      && result.remoteCandidateType === 'relay' ? 0 : 1;
} catch (e) {
  console.log(JSON.stringify({ error: String(e && e.message || e) }));
} finally {
  if (context) {
    await context.close().catch(() => {});
  }
  rmSync(profile, { recursive: true, force: true });
}
process.exit(exitCode);
