#!/usr/bin/env node
// End-to-end test of the sample call page (web/, the Firebase Web SDK) on the local stack, in headless Chromium.
//
//   node e2e/sample-call.mjs LOCAL_UP_JSON [--artifacts DIR] [--calls N]
//
// LOCAL_UP_JSON is the document `turnkit local up --detach --json` prints. Two browser contexts sign in as two
// users and make a relay-only call through the page; a third user tries to read the session, listen to it and its
// candidates, and inject a candidate. Then every relay-only combination (caller only, callee only, neither)
// connects, with a callee who signs in while the call is already ringing and a callee whose page is reloaded
// mid-call; every iceServers entry the endpoint issues is tried on its own; two more pages meet a refused and an
// unreachable credentials endpoint. Firestore is checked directly with the emulator's owner token. Exits 0 when
// everything held, 1 on a failed expectation, 2 when the whole run exceeds its time budget. Prints
// TIME_TO_CONNECTED_MS=<n> (from the "Call" click to connected); --calls N repeats the relay-only call N times
// (fresh users each time) and prints the median, for BENCHMARKS.md.

import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';

const TOTAL_BUDGET_MS = 300_000;   // the whole run (plus 15 s per extra call with --calls)
const STEP_TIMEOUT_MS = 15_000;    // any single wait for the page
const REQUEST_TIMEOUT_MS = 5_000;  // any request this script makes itself
const WARM_UP_TIMEOUT_MS = 30_000; // the first requests to a freshly started Firestore emulator (warmUp)

const args = process.argv.slice(2);
if (args.length < 1 || args[0].startsWith('-')) {
  console.error('usage: node e2e/sample-call.mjs LOCAL_UP_JSON [--artifacts DIR] [--calls N [--calls-only]] '
    + '[--scenario NAME]');
  process.exit(3);
}
const stack = JSON.parse(readFileSync(args[0], 'utf8'));
const artifactsIndex = args.indexOf('--artifacts');
const artifacts = path.resolve(artifactsIndex > 0 ? args[artifactsIndex + 1] : 'target/test-artifacts/sample-call');
const only = args.includes('--scenario') ? args[args.indexOf('--scenario') + 1] : null;
const callsIndex = args.indexOf('--calls');
const calls = callsIndex > 0 ? Number(args[callsIndex + 1]) : 1;
if (!Number.isInteger(calls) || calls < 1 || calls > 20) {
  console.error('--calls takes a number from 1 to 20');
  process.exit(3);
}
mkdirSync(artifacts, { recursive: true });

for (const [what, value] of [['sampleApp.url', stack.sampleApp?.url], ['authEmulator.url', stack.authEmulator?.url],
  ['firestoreEmulator.url', stack.firestoreEmulator?.url], ['credentials.url', stack.credentials?.url]]) {
  if (!value) {
    console.error(`${args[0]}: no ${what} (is the Firestore emulator installed? is this local up --json output?)`);
    process.exit(3);
  }
}
const appUrl = stack.sampleApp.url;
const projectId = stack.projectId;
const documents = `${stack.firestoreEmulator.url}/v1/projects/${projectId}/databases/(default)/documents`;
let runId = Date.now().toString(36);

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function expect(condition, requirement, detail = '') {
  if (!condition) throw new Error(`FAILED: ${requirement}${detail ? ` (${detail})` : ''}`);
  console.log(`ok - ${requirement}`);
}

async function http(url, { method = 'GET', headers = {}, body, timeoutMs = REQUEST_TIMEOUT_MS } = {}) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Firestore REST as the emulator's owner (bypasses the rules): what is really stored. */
const owner = { headers: { Authorization: 'Bearer owner' } };
async function storedSession(id) {
  const { status, body } = await http(`${documents}/webrtc_sessions/${id}`, owner);
  if (status === 404) return null;
  if (status !== 200) throw new Error(`owner read of session ${id}: ${status} ${JSON.stringify(body)}`);
  return Object.fromEntries(Object.entries(body.fields).map(([k, v]) => [k, Object.values(v)[0]]));
}
/** Every stored session whose caller is `uid`, as plain fields. */
async function sessionsCalledBy(uid) {
  const { status, body } = await http(`${documents}:runQuery`, {
    ...owner,
    method: 'POST',
    body: { structuredQuery: { from: [{ collectionId: 'webrtc_sessions' }], where: { fieldFilter: {
      field: { fieldPath: 'caller_id' }, op: 'EQUAL', value: { stringValue: uid } } } } },
  });
  if (status !== 200) throw new Error(`owner query of sessions: ${status} ${JSON.stringify(body)}`);
  return body.filter((row) => row.document).map((row) => Object.fromEntries(
    Object.entries(row.document.fields).map(([k, v]) => [k, Object.values(v)[0]])));
}

async function storedCandidates(id) {
  const { status, body } = await http(`${documents}/webrtc_sessions/${id}/ice_candidates?pageSize=300`, owner);
  if (status !== 200) throw new Error(`owner list of candidates: ${status} ${JSON.stringify(body)}`);
  return (body.documents || []).map((d) => ({
    id: d.name.slice(d.name.lastIndexOf('/') + 1),
    sender: d.fields.sender_id.stringValue,
    candidate: d.fields.candidate.stringValue,
  }));
}

async function signUpByRest(email) {
  const { status, body } = await http(
    `${stack.authEmulator.url}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=fake-api-key`,
    { method: 'POST', body: { email, password: 'secret123', returnSecureToken: true } });
  if (status !== 200) throw new Error(`sign-up of ${email}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** A TCP port that accepts connections and never answers: a hung endpoint. */
function hangingServer() {
  const sockets = new Set();
  const server = net.createServer((socket) => { sockets.add(socket); socket.on('error', () => {}); });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    port: server.address().port,
    close: () => { sockets.forEach((s) => s.destroy()); server.close(); },
  })));
}

/** A loopback port nothing listens on: a stopped endpoint. */
async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// ---------------------------------------------------------------------------------------------------------------
// The page, as a user drives it

const pages = [];

async function openUser(browser, name, { credentialsUrl } = {}) {
  const context = await browser.newContext({ permissions: ['microphone'] });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  if (credentialsUrl) {
    // Point this page's config at another credentials URL (a stopped or hung endpoint).
    await context.route('**/config.json', async (route) => {
      const response = await route.fetch();
      const config = await response.json();
      await route.fulfill({ response, json: { ...config, credentialsUrl } });
    });
  }
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`[${name}] page error: ${e.message}`));
  pages.push({ name, page });
  await page.goto(appUrl);
  return page;
}

async function signIn(page, email) {
  await page.fill('#email', email);
  await page.fill('#password', 'secret123');
  await page.click('#signin');
  await page.waitForSelector('#my-uid:not(:empty)');
  return page.textContent('#my-uid');
}

/** Presses Call and returns the failure the page reports, with how long it took to report it. */
async function callFails(page) {
  await page.fill('#callee-uid', 'someone-else');
  const started = Date.now();
  await page.click('#call');
  return { ...await errorOf(page), ms: Date.now() - started };
}

async function listenerCount(page) {
  return page.evaluate(() => window.turnkitSample.listenerCount());
}

/**
 * Waits until `page` got the other side's greeting on the data channel; a failure says what both browsers counted
 * (messages sent and received, the selected pair).
 */
async function greeted(page, other, caller, callee) {
  await page.waitForSelector(`#channel-state[data-received="hello from the ${other}"]`).catch(async (e) => {
    const report = async (p) => p.evaluate(() => window.turnkitSample.dataChannelReport()).catch((x) => x.message);
    throw new Error(`FAILED: no greeting from the ${other} on the data channel (caller: ${await report(caller)}; `
      + `callee: ${await report(callee)}): ${e.message}`);
  });
}

/** Waits until both pages are connected, each received the other's greeting, and media flows. */
async function connected(caller, callee) {
  for (const [page, other] of [[caller, 'callee'], [callee, 'caller']]) {
    await page.waitForSelector('#pc-state[data-state=connected]');
    await greeted(page, other, caller, callee);
    await page.waitForFunction(() => Number(document.querySelector('#remote-audio-state').dataset.packets) > 0);
    await page.waitForSelector('#pair[data-local-type]');
  }
  const pairOf = (page) => page.locator('#pair').evaluate((e) => ({ ...e.dataset, text: e.textContent }));
  return { caller: await pairOf(caller), callee: await pairOf(callee) };
}

async function errorOf(page) {
  const box = page.locator('#error');
  await box.waitFor({ state: 'visible' });
  return {
    step: await box.getAttribute('data-step'),
    kind: await box.getAttribute('data-kind'),
    text: await box.textContent(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The scenarios

async function relayOnlyCall(browser) {
  const alice = await openUser(browser, 'alice');
  const bob = await openUser(browser, 'bob');
  const mallory = await openUser(browser, 'mallory');
  const aliceUid = await signIn(alice, `alice-${runId}@example.com`);
  const bobUid = await signIn(bob, `bob-${runId}@example.com`);
  const malloryUid = await signIn(mallory, `mallory-${runId}@example.com`);
  expect(aliceUid && bobUid && malloryUid && new Set([aliceUid, bobUid, malloryUid]).size === 3,
    'three users signed in through the Auth emulator, each shown their own uid');

  // Watch, as the owner and from before the call starts, every session Alice is the caller of: each stored state
  // is recorded, so the whole sequence is seen without the test slowing the answer down.
  const seen = [];  // {state, caller_id, callee_id, answer} as first stored, per state
  let watching = true;
  const watcher = (async () => {
    for (;;) {
      // One more look after `watching` is cleared: the state the test has just confirmed (ENDED) may have been
      // stored after the previous look.
      const last = !watching;
      const [fields] = await sessionsCalledBy(aliceUid).catch(() => []);
      if (fields && fields.state !== seen[seen.length - 1]?.state) seen.push(fields);
      if (last) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();

  // Alice calls Bob, relay only (both sides); Bob answers as soon as the call shows up.
  await alice.check('#relay-only');
  await bob.check('#relay-only');
  await alice.fill('#callee-uid', bobUid);
  // Bob answers the moment the call shows up: an observer in his page presses Answer as soon as the button exists.
  // Playwright's own wait-and-click would add 0.1-0.8 s of polling and round trips to the timed path; a person takes
  // longer still. Either way that delay is measured and reported apart (reactionMs below).
  const answered = bob.evaluate((ms) => new Promise((resolve) => {
    const incoming = document.querySelector('#incoming');
    const press = () => {
      const button = incoming.querySelector('button[data-session-id]');
      if (!button) return false;
      observer.disconnect();
      clearTimeout(timer);
      // When the call showed up, read now: answering changes the list again (the call stops ringing).
      const shownAt = Number(incoming.dataset.shownAt);
      button.click();
      resolve({ sessionId: button.dataset.sessionId, shownAt });
      return true;
    };
    const observer = new MutationObserver(press);
    const timer = setTimeout(() => { observer.disconnect(); resolve({}); }, ms);
    if (!press()) observer.observe(incoming, { childList: true, subtree: true });
  }), STEP_TIMEOUT_MS);
  // The driver learns of the caller's `connected` the same way: from an observer inside the page. waitForSelector
  // polls with a growing back-off (up to 500 ms between looks), which added ~330 ms of its own to the measure.
  const connectedInPage = alice.evaluate((ms) => new Promise((resolve) => {
    const state = document.querySelector('#pc-state');
    const observer = new MutationObserver(() => {
      if (state.dataset.state === 'connected') {
        observer.disconnect();
        clearTimeout(timer);
        resolve(true);
      }
    });
    const timer = setTimeout(() => { observer.disconnect(); resolve(false); }, ms);
    observer.observe(state, { attributes: true, attributeFilter: ['data-state'] });
  }), STEP_TIMEOUT_MS);
  const clickedAt = Date.now();
  await alice.click('#call');
  const { sessionId, shownAt } = await answered;
  if (!sessionId) throw new Error(`FAILED: the call did not show up in the callee's page within ${STEP_TIMEOUT_MS} ms`);

  try {

    // Connected: on both sides the peer connection, the data channel (each side got the other's greeting),
    // the fake microphone's audio track, and a relay pair.
    if (!await connectedInPage) {
      throw new Error(`FAILED: the caller's page was not connected within ${STEP_TIMEOUT_MS} ms of the click `
        + `(peer connection: ${await alice.textContent('#pc-state')})`);
    }
    const connectedMs = Date.now() - clickedAt;
    const pageMs = Number(await alice.getAttribute('#time-to-connected', 'data-ms'));
    // The time this script took to press Answer once the call showed up stands in for a human's reaction;
    // without it, what remains is the stack's own latency. Printed at once: a later check that fails does not hide
    // how long the call took to connect (bench/sample-call.sh reads these lines).
    const reactionMs = Number(await bob.getAttribute('#session-id', 'data-started-at')) - shownAt;
    const systemMs = pageMs - reactionMs;
    // Where the driver's own time goes: from its click() call until the page's click handler ran (Playwright's
    // actionability checks and input events), and from connected until the observer's answer reached it.
    const beforeEventMs = Number(await alice.getAttribute('#session-id', 'data-started-at')) - clickedAt;
    console.log(`driver overhead: ${beforeEventMs} ms before the click event, ${connectedMs - beforeEventMs - pageMs}`
      + ' ms after connected');
    console.log(`TIME_TO_CONNECTED_MS=${connectedMs}`);
    console.log(`time from "Call" click to connected: ${connectedMs} ms (measured by the page: ${pageMs} ms; `
      + `without the ${reactionMs} ms the callee took to press Answer: ${systemMs} ms)`);
    await bob.waitForSelector('#pc-state[data-state=connected]');
    for (const [name, page, other] of [['caller', alice, 'callee'], ['callee', bob, 'caller']]) {
      await greeted(page, other, alice, bob);
      await page.waitForFunction(() => Number(document.querySelector('#remote-audio-state').dataset.packets) > 0)
        .catch(async (e) => {
          throw new Error(`FAILED: ${name}: no audio packets from the ${other} (remote audio: `
            + `${await page.textContent('#remote-audio-state')}; pair: ${await page.textContent('#pair')}): ${e.message}`);
        });
      await page.waitForSelector('#pair[data-local-type]');
      const pair = await page.locator('#pair').evaluate((e) => ({ ...e.dataset, text: e.textContent }));
      // The other side's relay candidate may be learned from its first check before its signaling message
      // arrives: then it is peer-reflexive (prflx), with the same relay address.
      expect(pair.localType === 'relay' && ['relay', 'prflx'].includes(pair.remoteType),
        `${name}: data channel open, remote audio packets arriving, the selected pair is relayed on this side`,
        pair.text);
    }
    await alice.waitForSelector('#session-state[data-state=CONNECTED]');
    const offered = seen[0];
    expect(offered && offered.state === 'OFFER_SENT' && offered.caller_id === aliceUid && offered.callee_id === bobUid
      && offered.answer === null,
    'the caller created the session with the offer: state OFFER_SENT, caller and callee ids',
    JSON.stringify(offered));
    await alice.waitForFunction(() => Number(document.querySelector('#bytes').dataset.received) > 0)
      .catch(async (e) => {
        throw new Error(`FAILED: caller: no bytes received on the connection (bytes sent / received: `
          + `${await alice.textContent('#bytes')}; pair: ${await alice.textContent('#pair')}; connection: `
          + `${await alice.textContent('#pc-state')}): ${e.message}`);
      });
    await alice.screenshot({ path: path.join(artifacts, 'connected-caller.png'), fullPage: true });
    await bob.screenshot({ path: path.join(artifacts, 'connected-callee.png'), fullPage: true });

    // Candidates are stored under the right sender, with the sender's role prefix, and are relay candidates.
    const candidates = await storedCandidates(sessionId);
    const callerCandidates = candidates.filter((c) => c.id.startsWith('caller-'));
    const calleeCandidates = candidates.filter((c) => c.id.startsWith('callee-'));
    expect(callerCandidates.length > 0 && callerCandidates.every((c) => c.sender === aliceUid),
      'caller-N candidates are stored under the caller\'s uid', JSON.stringify(candidates));
    expect(calleeCandidates.length > 0 && calleeCandidates.every((c) => c.sender === bobUid),
      'callee-N candidates are stored under the callee\'s uid', JSON.stringify(candidates));
    expect(candidates.length === callerCandidates.length + calleeCandidates.length
      && candidates.every((c) => / typ relay /.test(c.candidate)),
    'relay only: every published candidate is a relay candidate');

    // Mallory, signed in but not a participant, can neither read the session, nor listen to it or its candidates,
    // nor add a candidate; each time the page says the rules denied it.
    await mallory.fill('#open-session-id', sessionId);
    await mallory.click('#open');
    const readDenied = await errorOf(mallory);
    expect(readDenied.step === 'signaling' && readDenied.kind === 'denied' && /permission-denied/.test(readDenied.text),
      'a third user cannot read the session: the page reports the denial', readDenied.text);
    const outcomes = await mallory.evaluate((id) => window.turnkitSample.listen(id), sessionId);
    const listenDenied = await errorOf(mallory);
    expect(JSON.stringify(outcomes) === '["permission-denied","permission-denied"]'
      && listenDenied.kind === 'denied' && /listen to/.test(listenDenied.text),
    'a third user\'s onSnapshot() on the session and on its candidates gets permission-denied in the error '
      + 'callback, and the page shows it', `${outcomes} / ${listenDenied.text}`);
    await mallory.evaluate((id) => window.turnkitSample.injectCandidate(id), sessionId);
    await mallory.waitForFunction(() => /publish ICE candidate/.test(document.querySelector('#error').textContent));
    const injectDenied = await errorOf(mallory);
    expect(injectDenied.kind === 'denied', 'a third user cannot inject a candidate: the page reports the denial',
      injectDenied.text);
    expect((await storedCandidates(sessionId)).every((c) => c.sender !== malloryUid),
      'nothing from the third user was stored');
    expect(await listenerCount(mallory) === 1, 'the third user\'s page keeps only its incoming-calls listener');

    // Bob hangs up: both sides end, the session is ENDED, and each page closed every listener of the call.
    await bob.click('#hangup');
    await bob.waitForSelector('#session-state[data-state=ENDED]');
    await alice.waitForSelector('#session-state[data-state=ENDED]');
    await alice.waitForSelector('#pc-state[data-state=closed]');
    expect((await storedSession(sessionId)).state === 'ENDED', 'hang-up: the session is ENDED and both pages show it');
    const aliceReason = await alice.getAttribute('#end-reason', 'data-reason');
    expect(aliceReason === 'the other side ended the call' && await alice.locator('#error').isHidden(),
      'the caller is told the other side ended the call, and no failure is shown', aliceReason);
    expect(await listenerCount(alice) === 1 && await listenerCount(bob) === 1,
      'after the hang-up both pages unsubscribed the session and candidates listeners (only incoming calls remain)');
    watching = false;
    await watcher;
    const states = seen.map((fields) => fields.state);
    expect(JSON.stringify(states) === JSON.stringify(['OFFER_SENT', 'CONNECTING', 'CONNECTED', 'ENDED']),
      'the session document moved OFFER_SENT → CONNECTING → CONNECTED → ENDED', states.join(' → '));

    await alice.click('#delete-session:not([disabled])');
    await alice.waitForSelector('#delete-session[data-deleted]');
    expect(await storedSession(sessionId) === null && (await storedCandidates(sessionId)).length === 0,
      'the caller deleted the session and all its candidates (one batched write)');
    return { connectedMs, pageMs, systemMs };
  } finally {
    watching = false;
    await watcher;
  }
}

/** A relay-only side's own candidate in the selected pair is a relay candidate. */
function pairFits(pairs, callerRelay, calleeRelay) {
  return (!callerRelay || pairs.caller.localType === 'relay') && (!calleeRelay || pairs.callee.localType === 'relay');
}

function pairText(pairs) {
  return `caller: ${pairs.caller.text}; callee: ${pairs.callee.text}`;
}

async function noFailureShown(page) {
  return page.locator('#error').isHidden();
}

/**
 * Relay only on the caller's side only (the flow docs/sample-app.md describes): the callee's host candidates reach
 * the caller first, and the local coturn relays to them (they are this machine's addresses). Mid-call the callee's
 * page is reloaded: the reloaded page ends the session, the caller is told the other side ended it, and neither page
 * keeps a listener of the call.
 */
/** Two users sign in; the first calls the second, relay only where asked; the second answers; both connect. */
async function connectedCall(browser, [callerName, calleeName], { callerRelay, calleeRelay }) {
  const caller = await openUser(browser, callerName);
  const callee = await openUser(browser, calleeName);
  await signIn(caller, `${callerName}-${runId}@example.com`);
  const calleeUid = await signIn(callee, `${calleeName}-${runId}@example.com`);
  if (callerRelay) await caller.check('#relay-only');
  if (calleeRelay) await callee.check('#relay-only');
  await caller.fill('#callee-uid', calleeUid);
  await caller.click('#call');
  await callee.click('#incoming button[data-session-id]');
  return { caller, callee, pair: await connected(caller, callee) };
}

async function callerRelayOnlyThenCalleeReloads(browser) {
  const { caller: carol, callee: dan, pair } = await connectedCall(browser, ['carol', 'dan'],
    { callerRelay: true, calleeRelay: false });
  const sessionId = await carol.textContent('#session-id');
  expect(pairFits(pair, true, false) && await noFailureShown(carol) && await noFailureShown(dan),
    'relay only on the caller\'s side: connected, data and audio both ways, the caller\'s pair is relayed, '
      + 'no failure shown', pairText(pair));

  await dan.reload();
  await dan.waitForSelector('#my-uid:not(:empty)');  // the tab's sign-in survives the reload
  await carol.waitForSelector('#session-state[data-state=ENDED]');
  await carol.waitForSelector('#pc-state[data-state=closed]');
  const reason = await carol.getAttribute('#end-reason', 'data-reason');
  expect(/the other side ended the call/.test(reason) && await noFailureShown(carol),
    'callee reloaded mid-call: the caller is told the other side ended the call (no failure, no denial)', reason);
  expect((await storedSession(sessionId)).state === 'ENDED', 'the reloaded callee page ended the session');
  await dan.waitForFunction(() => [...document.querySelectorAll('#log li')]
    .some((li) => /left open when this page was reloaded/.test(li.textContent)));
  expect(await listenerCount(carol) === 1 && await listenerCount(dan) === 1,
    'after the reload nothing of the call is left listening on either page (only incoming calls)');
}

/**
 * Relay only on neither side, and the call rings before the callee has signed in: the callee's incoming-calls
 * listener shows it in its first snapshot. The caller hangs up.
 */
async function neitherRelayOnlyRingingBeforeSignIn(browser) {
  const ed = await openUser(browser, 'ed');
  const fay = await openUser(browser, 'fay');
  await signIn(ed, `ed-${runId}@example.com`);
  const fayEmail = `fay-${runId}@example.com`;
  const fayUid = (await signUpByRest(fayEmail)).localId;
  await ed.fill('#callee-uid', fayUid);
  await ed.click('#call');
  await ed.waitForSelector('#session-state[data-state=OFFER_SENT]');
  // Fay's tab was someone else's, who signs out: every listener stops and that user's Firestore client closes.
  // Fay then signs in on the same tab, on a new client, and the call already ringing reaches her there.
  await signIn(fay, `fay-before-${runId}@example.com`);
  await fay.click('#signout');
  await fay.waitForSelector('#whoami', { state: 'hidden' });
  expect(await listenerCount(fay) === 0 && await fay.locator('#call-card').isHidden() && await noFailureShown(fay),
    'sign-out: no listener left open on the page, the call form is gone, and no failure is shown');
  await signIn(fay, fayEmail);
  await fay.click('#incoming button[data-session-id]');
  const pair = await connected(ed, fay);
  expect(await noFailureShown(ed) && await noFailureShown(fay),
    'relay only on neither side, callee signed in (after another user signed out of the tab) while the call was '
      + 'ringing: it showed up, was answered, connected', pairText(pair));
  await ed.click('#hangup');
  await fay.waitForSelector('#pc-state[data-state=closed]');
  const reason = await fay.getAttribute('#end-reason', 'data-reason');
  expect(reason === 'the other side ended the call' && await listenerCount(ed) === 1
      && await listenerCount(fay) === 1,
  'the caller hung up: the callee is told so, and both pages closed the call\'s listeners', reason);
}

/** Relay only on the callee's side only. */
async function calleeRelayOnly(browser) {
  const { caller: gus, callee: hal, pair } = await connectedCall(browser, ['gus', 'hal'],
    { callerRelay: false, calleeRelay: true });
  expect(pairFits(pair, false, true) && await noFailureShown(gus) && await noFailureShown(hal),
    'relay only on the callee\'s side: connected, the callee\'s side of the pair is relayed', pairText(pair));
  await hal.click('#hangup');
  await gus.waitForSelector('#pc-state[data-state=closed]');
}

/**
 * A listener the server never answers (a stalled connection: here, requests to Firestore's Listen channel get no
 * response at all) is reported once the page's listen deadline has passed, instead of leaving the page waiting.
 */
async function stalledListener(browser) {
  const kim = await openUser(browser, 'kim');
  await kim.context().route('**/google.firestore.v1.Firestore/Listen/channel**', () => {});
  const started = Date.now();
  await signIn(kim, `kim-${runId}@example.com`);
  const failure = await errorOf(kim);
  const ms = Date.now() - started;
  expect(failure.step === 'signaling' && failure.kind === 'timeout'
      && /listen to incoming calls: no snapshot from Firestore within 10 s/.test(failure.text)
      && ms >= 10_000 && await listenerCount(kim) === 0,
  'a listener the server never answers: after the 10 s listen deadline the page says so, and keeps no listener',
  `${failure.text} after ${ms} ms`);
}

/**
 * Every iceServers entry the endpoint issues works on its own from the page: each turn:/turns: URI yields a relay
 * candidate over its transport, the stun: URI gathers without error, and no entry reports an ICE candidate error
 * (the turns: URI names the host on the certificate).
 */
async function everyIceServerWorks(browser) {
  const ivy = await openUser(browser, 'ivy');
  await signIn(ivy, `ivy-${runId}@example.com`);
  const results = await ivy.evaluate(async () => {
    const creds = await window.turnkitSample.iceServers();
    const out = [];
    for (const server of creds.iceServers) {
      for (const uri of [].concat(server.urls)) {
        const pc = new RTCPeerConnection({ iceServers: [{ ...server, urls: [uri] }],
          iceTransportPolicy: uri.startsWith('stun:') ? 'all' : 'relay' });
        const relays = [];
        const errors = [];
        // relayProtocol: how this relay candidate reaches the TURN server (Chromium leaves it empty for udp).
        pc.onicecandidate = (e) => {
          if (e.candidate && e.candidate.type === 'relay') relays.push(e.candidate.relayProtocol || 'udp');
        };
        pc.onicecandidateerror = (e) => errors.push(`${e.errorCode} ${e.errorText}`);
        pc.createDataChannel('probe');
        await pc.setLocalDescription(await pc.createOffer());
        const started = performance.now();
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, 8000);
          pc.onicegatheringstatechange = () => {
            if (pc.iceGatheringState === 'complete') { clearTimeout(timer); resolve(); }
          };
        });
        const gathering = pc.iceGatheringState === 'complete' ? Math.round(performance.now() - started) : null;
        pc.close();
        out.push({ uri, relays, errors, gathering });
      }
    }
    return out;
  });
  const expected = { udp: 'udp', tcp: 'tcp' };
  for (const { uri, relays, errors, gathering } of results) {
    const transport = /transport=(\w+)/.exec(uri)?.[1] || 'udp';
    const want = uri.startsWith('turns:') ? 'tls' : uri.startsWith('turn:') ? expected[transport] : null;
    // Gathering completes: every allocation was answered, including those the browser sends to localhost over IPv6
    // (::1), where the local coturn listens too; without it, a UDP allocation there goes unanswered for ~40 s.
    expect(errors.length === 0 && (want === null || relays.includes(want)) && gathering !== null,
      `iceServers entry ${uri} works${want ? ` (a relay candidate over ${want})` : ''}, gathering completes`,
      JSON.stringify({ relays, errors, gatheringMs: gathering }));
  }
  expect(results.some((r) => r.uri.startsWith('turns:localhost:')), 'the TLS entry names localhost, the name on the '
    + 'local certificate', results.map((r) => r.uri).join(' '));
}

async function turnRefusesCredentials(browser) {
  // The endpoint's answer reaches the page with a wrong TURN password (as if coturn had another secret):
  // coturn answers the allocation with 401 and the page reports it, relay only, without waiting for a timeout.
  const grace = await openUser(browser, 'grace');
  await grace.route(stack.credentials.url, async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    const response = await route.fetch();
    const body = await response.json();
    body.iceServers = body.iceServers.map((s) => (s.credential ? { ...s, credential: `${s.credential}x` } : s));
    await route.fulfill({ response, json: body });
  });
  const graceUid = await signIn(grace, `grace-${runId}@example.com`);
  await grace.check('#relay-only');
  const failed = await callFails(grace);
  expect(failed.step === 'ice' && failed.kind === 'failed' && /401/.test(failed.text),
    `TURN refuses the credentials → the page says ICE failed with the TURN 401 (${failed.ms} ms)`, failed.text);
  // A session write already in flight lands, and the ENDED written after it: give both up to 5 s.
  let ringing = [];
  for (const started = Date.now(); Date.now() - started < 5000;) {
    ringing = (await sessionsCalledBy(graceUid)).filter((session) => session.state !== 'ENDED');
    if (ringing.length === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(ringing.length === 0, 'a call that failed before connecting leaves no session ringing',
    JSON.stringify(ringing));
}

async function credentialsFailures(browser) {
  // Refused: a user whose account was deleted after sign-in holds a token the endpoint no longer accepts.
  const email = `deleted-${runId}@example.com`;
  await signUpByRest(email);
  const dave = await openUser(browser, 'dave');
  // The page fetches credentials at sign-in and reuses them for calls; a fetch that fails then is retried at the call.
  // So that first fetch fails here (no connection), and the call's own fetch, after the deletion, meets the refusal.
  await dave.route(stack.credentials.url, (route) => route.abort('connectionrefused'));
  await signIn(dave, email);
  await dave.waitForFunction(() => [...document.querySelectorAll('#log li')]
    .some((li) => /credentials not fetched ahead of calls/.test(li.textContent)));
  await dave.unroute(stack.credentials.url);
  const { body: session } = await http(
    `${stack.authEmulator.url}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=fake-api-key`,
    { method: 'POST', body: { email, password: 'secret123', returnSecureToken: true } });
  const deleted = await http(
    `${stack.authEmulator.url}/identitytoolkit.googleapis.com/v1/accounts:delete?key=fake-api-key`,
    { method: 'POST', body: { idToken: session.idToken } });
  if (deleted.status !== 200) throw new Error(`deleting ${email}: ${deleted.status}`);
  const refused = await callFails(dave);
  expect(refused.step === 'credentials' && refused.kind === 'refused' && /401|403/.test(refused.text),
    `credentials refused → the page says so (${refused.ms} ms)`, refused.text);

  // Stopped: nothing listens at the credentials URL.
  const stopped = await openUser(browser, 'erin',
    { credentialsUrl: `http://127.0.0.1:${await closedPort()}/v1/turn-credentials` });
  await signIn(stopped, `erin-${runId}@example.com`);
  const unreachable = await callFails(stopped);
  expect(unreachable.step === 'credentials' && unreachable.kind === 'unreachable',
    `credentials endpoint stopped → the page says it cannot reach it (${unreachable.ms} ms)`, unreachable.text);

  // Hung: the endpoint accepts the connection and never answers; the page gives up after its timeout.
  const hung = await hangingServer();
  try {
    const waiting = await openUser(browser, 'frank',
      { credentialsUrl: `http://127.0.0.1:${hung.port}/v1/turn-credentials` });
    await signIn(waiting, `frank-${runId}@example.com`);
    const timedOut = await callFails(waiting);
    expect(timedOut.step === 'credentials' && timedOut.kind === 'timeout',
      `credentials endpoint hangs → the page times out instead of hanging (${timedOut.ms} ms)`, timedOut.text);
  } finally {
    hung.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * A freshly started Firestore emulator compiles the rules and warms up its JIT on the first requests, which can
 * take seconds on a busy machine; do that here so the page's own request timeouts measure the steady state.
 */
async function warmUp() {
  const started = Date.now();
  // These first requests are the slow ones the warm-up is for: each gets 30 s, not the usual 5 s.
  const timeoutMs = WARM_UP_TIMEOUT_MS;
  await http(`${documents}/webrtc_sessions/warm-up`, { timeoutMs });
  await http(`${documents}:runQuery`,
    { method: 'POST', body: { structuredQuery: { from: [{ collectionId: 'webrtc_sessions' }] } }, timeoutMs });
  await http(`${documents}/webrtc_sessions/warm-up/ice_candidates`, { timeoutMs });
  console.log(`warm-up of the Firestore emulator: ${Date.now() - started} ms`);
}

/**
 * Closes every open page the way a user leaves the app: sign out (the page stops its listeners and closes its
 * Firestore client, so the emulator drops them), navigate away, then the context goes. A page that is only navigated
 * away or closed may leave its listeners registered in the emulator, which then evaluates them on every write for
 * the rest of its life (docs/sample-app.md, "Leave by signing out").
 */
async function closePages() {
  for (const { page } of pages.splice(0)) {
    if (await page.locator('#signout').isVisible().catch(() => false)) {
      await page.click('#signout', { timeout: 5000 }).catch(() => {});
      await page.waitForSelector('#whoami', { state: 'hidden', timeout: 5000 }).catch(() => {});
    }
    await page.goto('about:blank', { timeout: 5000 }).catch(() => {});
    await page.context().close();
  }
}

/** Each page's own step log (what a developer would read in the page). */
async function dumpLogs(print) {
  for (const { name, page } of pages) {
    const items = await page.locator('#log li').allTextContents().catch(() => ['(no log)']);
    print(`--- ${name}'s page log:\n  ${items.join('\n  ')}`);
  }
}

async function main() {
  let browser;
  const budgetMs = TOTAL_BUDGET_MS + (calls - 1) * 15_000;
  const budget = setTimeout(() => {
    console.error(`FAILED: the run exceeded its ${budgetMs / 1000} s budget`);
    Promise.resolve(browser?.close()).catch(() => {}).finally(() => process.exit(2));
  }, budgetMs);
  try {
    // The local stack's certificate is self-signed: this browser trusts exactly that key (by its SPKI hash), as a
    // user would by importing the local CA; a real certificate needs nothing of the kind.
    const cert = new X509Certificate(readFileSync(stack.turn.caFile));
    const spki = createHash('sha256').update(cert.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      timeout: 30_000,
      args: ['--no-sandbox', '--headless', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
        `--ignore-certificate-errors-spki-list=${spki}`],
    });
    await warmUp();
    if (only) {  // --scenario NAME: that scenario alone, for working on it
      await ({ callerRelayOnlyThenCalleeReloads, neitherRelayOnlyRingingBeforeSignIn, calleeRelayOnly,
        everyIceServerWorks, stalledListener, credentialsFailures, turnRefusesCredentials })[only](browser);
      if (process.env.VERBOSE) await dumpLogs(console.log);
      await closePages();
      console.log(`PASSED: ${only}`);
      return 0;
    }
    const times = [];
    for (let i = 0; i < calls; i++) {
      runId = `${Date.now().toString(36)}-${i}`;
      times.push(await relayOnlyCall(browser));
      if (process.env.VERBOSE) await dumpLogs(console.log);
      await closePages();
    }
    if (calls > 1) {
      const labels = {
        connectedMs: 'click to connected', pageMs: 'page-measured', systemMs: 'without the answer delay',
      };
      for (const [key, label] of Object.entries(labels)) {
        const values = times.map((t) => t[key]);
        const sorted = [...values].sort((a, b) => a - b);
        console.log(`${label} over ${calls} calls: `
          + `${values.join(' ')} ms; median ${sorted[Math.floor(sorted.length / 2)]}, min ${sorted[0]}, `
          + `max ${sorted[sorted.length - 1]} ms`);
      }
    }
    if (args.includes('--calls-only')) {
      console.log(`PASSED: ${calls} timed calls (--calls-only: the other scenarios were skipped)`);
      return 0;
    }
    for (const scenario of [callerRelayOnlyThenCalleeReloads, neitherRelayOnlyRingingBeforeSignIn, calleeRelayOnly,
      everyIceServerWorks, stalledListener]) {
      await scenario(browser);
      await closePages();
    }
    await credentialsFailures(browser);
    await turnRefusesCredentials(browser);
    if (process.env.VERBOSE) await dumpLogs(console.log);
    await closePages();
    console.log('PASSED: sample call');
    return 0;
  } catch (e) {
    console.error(e.message);
    await dumpLogs(console.error);
    for (const { name, page } of pages) {
      await page.screenshot({ path: path.join(artifacts, `failed-${name}.png`), fullPage: true, timeout: 5000 })
        .catch(() => {});
    }
    return 1;
  } finally {
    clearTimeout(budget);
    await browser?.close().catch(() => {});
  }
}

process.exitCode = await main();
