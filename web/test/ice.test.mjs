// Unit tests of web/js/ice.js (node --test web/test/; SamplePageUnitTest runs them under Maven). A fake clock drives
// the grace period, so every case is exact and instant.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { candidateType, iceFailureMessage, IceFailureGrace } from '../js/ice.js';

/** A manual clock: timers fire only when the test advances it. */
function fakeClock() {
  let now = 0;
  let next = 1;
  const timers = new Map();  // id -> {at, fn}
  return {
    setTimer: (fn, ms) => { const id = next++; timers.set(id, { at: now + ms, fn }); return id; },
    clearTimer: (id) => { timers.delete(id); },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = until;
    },
    get pending() { return timers.size; },
  };
}

/** A grace period on a fake clock that records what it reported. */
function watched(graceMs = 5000) {
  const clock = fakeClock();
  const events = [];
  const grace = new IceFailureGrace({
    graceMs,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    onWaiting: (ms) => events.push(`waiting ${ms}`),
    onRecovered: (state) => events.push(`recovered ${state}`),
    onGiveUp: () => events.push('give up'),
  });
  return { clock, events, grace };
}

test('a transient failed, revived by a late remote candidate, does not end the call', () => {
  const { clock, events, grace } = watched();
  grace.update('connecting');
  grace.update('failed');
  clock.advance(3000);          // the other side's next candidate arrives within the grace period
  grace.update('connecting');   // the browser checks the new pairs
  grace.update('connected');
  clock.advance(60_000);
  assert.deepEqual(events, ['waiting 5000', 'recovered connecting']);
  assert.equal(clock.pending, 0);
});

test('a failed that lasts ends the call once, when the grace period is over and not before', () => {
  const { clock, events, grace } = watched();
  grace.update('connecting');
  grace.update('failed');
  clock.advance(4999);
  assert.deepEqual(events, ['waiting 5000']);
  grace.update('failed');       // a repeated report does not restart or double the timer
  clock.advance(1);
  assert.deepEqual(events, ['waiting 5000', 'give up']);
  clock.advance(60_000);
  assert.deepEqual(events, ['waiting 5000', 'give up']);
});

test('a second failure after a recovery gets a full grace period of its own', () => {
  const { clock, events, grace } = watched();
  grace.update('failed');
  clock.advance(4000);
  grace.update('connected');
  grace.update('failed');
  clock.advance(4000);          // 8 s after the first failure, 4 s after the second
  assert.deepEqual(events, ['waiting 5000', 'recovered connected', 'waiting 5000']);
  clock.advance(1000);
  assert.deepEqual(events.at(-1), 'give up');
});

test('a transient disconnected does not end the call and needs no grace period', () => {
  const { clock, events, grace } = watched();
  grace.update('connected');
  grace.update('disconnected');
  clock.advance(10_000);
  grace.update('connected');
  assert.deepEqual(events, []);
  assert.equal(clock.pending, 0);
});

test('a call that ended for another reason gets no verdict afterwards', () => {
  const { clock, events, grace } = watched();
  grace.update('failed');
  grace.stop();                 // e.g. the other side hung up
  clock.advance(10_000);
  grace.update('closed');
  assert.deepEqual(events, ['waiting 5000']);
});

test('the message of a lasting failure tells what was tried and why', () => {
  const relayOnly = iceFailureMessage({ localTypes: ['relay', 'relay'], remoteTypes: ['host', 'relay'],
    relayOnly: true, turnErrors: ['turn:localhost:3478?transport=udp: 403 Forbidden IP'] });
  assert.equal(relayOnly, 'ICE failed: no candidate pair worked (relay only: every path goes through the TURN '
    + 'server) (local candidates: 2 relay; remote candidates: 1 host, 1 relay); TURN errors: '
    + 'turn:localhost:3478?transport=udp: 403 Forbidden IP');
  assert.equal(iceFailureMessage({ localTypes: ['host'], remoteTypes: [], relayOnly: false }),
    'ICE failed: the other side published no candidates (local candidates: 1 host; remote candidates: none)');
  assert.doesNotMatch(iceFailureMessage({ localTypes: ['host'], remoteTypes: ['srflx'], relayOnly: false }),
    /relay only|TURN errors|denied|ended/);
});

test('candidate types are read from the candidate line', () => {
  assert.equal(candidateType('candidate:1 1 udp 41885695 127.0.0.1 22640 typ relay raddr 0.0.0.0 rport 0'), 'relay');
  assert.equal(candidateType('candidate:2 1 udp 2122260223 192.0.2.2 51000 typ host generation 0'), 'host');
  assert.equal(candidateType(''), 'unknown');
});
