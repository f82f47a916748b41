// ice.js: what the page decides about ICE, kept apart from the DOM and the SDKs so that it can be tested on its own
// (web/test/ice.test.mjs): the grace period of a "failed" connection, and the message a lasting failure gets.

// ICE may report "failed" while the other side's candidates are still on their way (trickle ICE through Firestore):
// e.g. a first remote candidate the TURN server refuses to relay to. A new remote candidate revives the checks, so
// "failed" ends the call only if it lasts this long.
export const ICE_FAILED_GRACE_MS = 5000;

/** The type of an ICE candidate line ("host", "srflx", "relay", ...). */
export function candidateType(line) {
  const m = / typ (\w+)/.exec(line || '');
  return m ? m[1] : 'unknown';
}

/** ['relay', 'host', 'relay'] -> "2 relay, 1 host"; [] -> "none". */
export function countTypes(types) {
  if (types.length === 0) return 'none';
  const counts = {};
  for (const t of types) counts[t] = (counts[t] || 0) + 1;
  return Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ');
}

/**
 * The message of an ICE failure that lasted: why (no remote candidate at all, or none of the pairs worked), what was
 * tried (local and remote candidate types) and the TURN servers' own errors, if any.
 */
export function iceFailureMessage({ localTypes, remoteTypes, relayOnly, turnErrors = [] }) {
  const tried = `local candidates: ${countTypes(localTypes)}; remote candidates: ${countTypes(remoteTypes)}`;
  const why = remoteTypes.length === 0
    ? 'the other side published no candidates'
    : `no candidate pair worked${relayOnly ? ' (relay only: every path goes through the TURN server)' : ''}`;
  const turn = turnErrors.length ? `; TURN errors: ${turnErrors.join('; ')}` : '';
  return `ICE failed: ${why} (${tried})${turn}`;
}

/**
 * The grace period of a failed connection. Feed it every RTCPeerConnection.connectionState; on "failed" it calls
 * onWaiting() and starts a timer; any later state but "failed" or "closed" (e.g. "connecting" once a new remote
 * candidate revives the checks, or "connected") cancels the timer and calls onRecovered(state); if the state is
 * still "failed" when the timer fires, onGiveUp() is called, once. "disconnected" is left to the browser: it either
 * recovers or turns into "failed". The timer functions can be replaced (tests use a fake clock).
 */
export class IceFailureGrace {
  constructor({ graceMs = ICE_FAILED_GRACE_MS, onWaiting = () => {}, onRecovered = () => {}, onGiveUp,
    setTimer = (fn, ms) => setTimeout(fn, ms), clearTimer = (timer) => clearTimeout(timer) }) {
    Object.assign(this, { graceMs, onWaiting, onRecovered, onGiveUp, setTimer, clearTimer });
    this.state = 'new';
    this.timer = null;
  }

  update(state) {
    this.state = state;
    if (state === 'failed') {
      if (this.timer === null) {
        this.onWaiting(this.graceMs);
        this.timer = this.setTimer(() => {
          this.timer = null;
          if (this.state === 'failed') this.onGiveUp();
        }, this.graceMs);
      }
      return;
    }
    if (this.timer !== null) {
      this.stop();
      if (state !== 'closed') this.onRecovered(state);
    }
  }

  /** The call ended for another reason: no verdict is due any more. */
  stop() {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }
}
