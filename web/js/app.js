// app.js: the call flow of the seed design (docs/sample-app.md), step by step, for one signed-in user.
//
//   CALLER                                         CALLEE
//   1-2. fetch TURN credentials, create the PC
//   3.   create the offer
//   4.   create webrtc_sessions/{id} with the offer
//        (state OFFER_SENT)                  --->  5. sees the session in "incoming calls" (polling)
//                                                  6-7. fetch credentials, create the PC, set the offer, answer
//   9-10. poll the session, set the answer   <---  8. store the answer (state CONNECTING)
//   12-13. publish ICE candidates  <---------------> 12-13. publish ICE candidates
//   14-16. poll the other side's candidates and add them
//   17-19. ICE + DTLS done: the caller sets state CONNECTED; media and the data channel flow
//   hang-up (either side): state ENDED; then the caller may delete the session and its candidates.
//
// Signaling is polled over the Firestore REST API to keep this sample free of dependencies; an app using the
// Firebase SDK would use onSnapshot() listeners on the same documents instead of the poll loop below.

import { StepError, fetchIceServers, loadConfig, newSessionId, signIn, Signaling } from './backend.js';

// Poll intervals: fast while the call is being set up, slow once it is up (only to notice a hang-up).
const POLL_SETUP_MS = 100;
const POLL_CALL_MS = 1000;
const POLL_INCOMING_MS = 250;
// Nobody answered within this long: the caller gives up (state ENDED).
const RING_TIMEOUT_MS = 60000;
// Answered but not connected this long after: reported as failed rather than left spinning.
const CONNECT_TIMEOUT_MS = 20000;
// Sessions live at most 2 h (the rules' limit); this sample asks for 1 h.
const SESSION_LIFETIME_MS = 60 * 60 * 1000;
// The rules accept candidate ids caller-0..caller-99 / callee-0..callee-99.
const MAX_CANDIDATES = 100;

// The session state machine (docs/signaling-data-model.md), in order; the rules allow only these steps.
const STATES = ['IDLE', 'OFFER_SENT', 'CONNECTING', 'CONNECTED', 'ENDED'];

const $ = (id) => document.getElementById(id);

let config = null;     // /config.json
let user = null;       // {uid, email, idToken}
let signaling = null;  // Signaling for `user`
let call = null;       // the current Call, if any

// ---------------------------------------------------------------------------------------------------------------
// Reporting: one place that shows progress and failures.

function log(message) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toISOString().slice(11, 23)} ${message}`;
  $('log').append(item);
}

/** Shows a failure. StepErrors carry the step and kind (data attributes, for tests and styling). */
function report(error) {
  const box = $('error');
  const step = error instanceof StepError ? error.step : 'app';
  box.dataset.step = step;
  box.dataset.kind = error instanceof StepError ? error.kind : 'failed';
  box.textContent = error.message;
  box.hidden = false;
  log(`FAILED (${step}): ${error.message}`);
}

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
}

/** Rejects with a StepError if `promise` takes longer than `ms` (for browser APIs without an AbortSignal). */
function withTimeout(promise, ms, step, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new StepError(step, 'timeout', `${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------------------------
// A call: one RTCPeerConnection and one webrtc_sessions document.

class Call {
  constructor(role, sessionId, relayOnly) {
    this.role = role;                 // 'caller' | 'callee'
    this.sessionId = sessionId;
    this.relayOnly = relayOnly;
    this.startedAt = performance.now();
    this.answeredAt = 0;              // when the answer was stored (callee) or set (caller)
    this.pc = null;
    this.stream = null;
    this.channel = null;
    this.expiresAt = null;            // the session's expires_at; every candidate must carry the same value
    this.canPublish = false;          // candidates wait until the session exists (caller) or is answered (callee)
    this.outbox = [];                 // local candidates not yet published
    this.published = 0;               // next candidate number: caller-0, caller-1, ...
    this.remoteDescriptionSet = false;
    this.seenCandidates = new Set();  // ids of remote candidates already added
    this.sessionState = 'IDLE';
    this.ended = false;
    this.flushing = false;            // a flushCandidates() loop is running
    this.gathered = 0;                // local candidates gathered so far
    this.candidateErrors = new Set(); // "url: code text" of each ICE server that failed
    this.pollTimer = null;
    this.statsTimer = null;
  }

  /** Steps 1-2 (and 6): credentials first, because the ICE servers are part of the PeerConnection's config. */
  async createPeerConnection() {
    const { iceServers, ttl } = await fetchIceServers(config, user);
    log(`credentials: ${iceServers.length} ICE server entries, valid ${ttl} s`);

    // Local media: the microphone (a fake device in the tests). Permission prompts can wait forever.
    this.stream = await withTimeout(navigator.mediaDevices.getUserMedia({ audio: true, video: false }),
      10000, 'media', 'microphone access');

    this.pc = new RTCPeerConnection({
      iceServers,
      // "relay" = only TURN relay candidates: proves the TURN server works, and hides both peers' addresses.
      iceTransportPolicy: this.relayOnly ? 'relay' : 'all',
    });
    for (const track of this.stream.getTracks()) this.pc.addTrack(track, this.stream);

    // Step 12: the browser gathers candidates as soon as a local description is set; queue them.
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate && candidate.candidate) {
        this.gathered += 1;
        this.outbox.push(candidate.toJSON());
        this.flushCandidates();
      }
    };
    // A TURN server that refuses the credentials (401) or cannot be reached shows up here, per ICE server URL.
    this.pc.onicecandidateerror = (e) => {
      this.candidateErrors.add(`${e.url}: ${e.errorCode} ${e.errorText}`.trim());
      log(`ICE candidate error ${e.url}: ${e.errorCode} ${e.errorText}`);
    };
    // Relay only and gathering finished without a single relay candidate: the call cannot connect; say why now
    // instead of waiting for the setup timeout.
    this.pc.onicegatheringstatechange = () => {
      if (this.pc.iceGatheringState === 'complete' && this.relayOnly && this.gathered === 0 && !this.ended) {
        this.fail(new StepError('ice', 'failed', 'ICE failed: no relay candidate from the TURN server'
          + (this.candidateErrors.size ? ` (${[...this.candidateErrors].join('; ')})` : '')));
      }
    };
    this.pc.onconnectionstatechange = () => this.onConnectionState();
    this.pc.ontrack = ({ track, streams }) => {
      $('remote-audio').srcObject = streams[0] || new MediaStream([track]);
      // The track exists as soon as the remote description announces it; getStats() shows packets arriving.
      $('remote-audio-state').textContent = `${track.kind} track announced, no packets yet`;
      log(`remote ${track.kind} track announced`);
    };
    this.pc.ondatachannel = ({ channel }) => this.useChannel(channel);
  }

  /** A data channel: the caller creates it, the callee receives it. Each side greets the other. */
  useChannel(channel) {
    this.channel = channel;
    channel.onopen = () => {
      $('channel-state').textContent = 'open';
      $('channel-state').dataset.open = 'true';
      log(`data channel "${channel.label}" open`);
      channel.send(`hello from the ${this.role}`);
    };
    channel.onmessage = ({ data }) => {
      $('channel-state').textContent = `open, received "${data}"`;
      $('channel-state').dataset.received = String(data);
      log(`data channel message: ${data}`);
    };
    channel.onclose = () => { $('channel-state').textContent = 'closed'; };
  }

  /** Step 13: publish queued candidates one by one, in order, once the session allows it. */
  async flushCandidates() {
    if (!this.canPublish || this.flushing || this.ended) return;
    this.flushing = true;
    try {
      while (this.outbox.length > 0 && !this.ended) {
        if (this.published >= MAX_CANDIDATES) {
          log(`not publishing ${this.outbox.length} more candidates: the rules allow ${MAX_CANDIDATES} per side`);
          this.outbox = [];
          break;
        }
        const candidate = this.outbox[0];
        await signaling.addCandidate(this.sessionId, `${this.role}-${this.published}`, candidate, this.expiresAt);
        this.outbox.shift();
        this.published += 1;
        log(`published ${this.role}-${this.published - 1}: ${candidate.candidate.split(' ').slice(4, 8).join(' ')}`);
      }
    } catch (e) {
      this.fail(e);
    } finally {
      this.flushing = false;
    }
  }

  // ----- The caller -----

  async start(calleeId) {
    await this.createPeerConnection();
    this.useChannel(this.pc.createDataChannel('chat'));

    // Step 3: the offer. setLocalDescription also starts ICE gathering (candidates go to the outbox).
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    if (this.ended) return;  // e.g. gathering already failed: do not ring the callee for nothing

    // Step 4: the session document, born with the offer (state OFFER_SENT).
    this.expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
    await signaling.createSession(this.sessionId, { calleeId, offer, expiresAt: this.expiresAt });
    if (this.ended) {
      // Failed or hung up while the session was being written: close it again.
      await signaling.setState(this.sessionId, 'ENDED');
      return;
    }
    this.showState('OFFER_SENT');
    log(`session ${this.sessionId} created with the offer; waiting for ${calleeId} to answer`);

    // The session exists: candidates may now be published.
    this.canPublish = true;
    this.flushCandidates();
    this.poll();
  }

  // ----- The callee -----

  async answer() {
    // Reading the session is also the access check: only its two participants may.
    const session = await signaling.getSession(this.sessionId);
    if (session.callee_id !== user.uid) {
      throw new StepError('signaling', 'invalid', 'this session calls someone else');
    }
    if (session.state !== 'OFFER_SENT') {
      throw new StepError('signaling', 'invalid', `this session is ${session.state}, not waiting for an answer`);
    }
    this.expiresAt = session.expires_at;
    this.showState(session.state);

    // Steps 6-7: PeerConnection, remote offer, local answer.
    await this.createPeerConnection();
    await this.pc.setRemoteDescription(session.offer);
    this.remoteDescriptionSet = true;
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    if (this.ended) return;  // failed meanwhile; fail() has already marked the session ENDED

    // Step 8: store the answer; the session moves to CONNECTING.
    await signaling.answer(this.sessionId, answer);
    this.answeredAt = performance.now();
    this.showState('CONNECTING');
    log('answer stored');

    this.canPublish = true;
    this.flushCandidates();
    this.poll(0);  // the caller's candidates are usually there already
  }

  // ----- Both sides: the poll loop (steps 9-10, 14-16, and noticing a hang-up) -----

  poll(delay = this.pc.connectionState === 'connected' ? POLL_CALL_MS : POLL_SETUP_MS) {
    if (this.ended) return;
    this.pollTimer = setTimeout(async () => {
      try {
        await this.pollOnce();
        this.poll();
      } catch (e) {
        if (this.pc.connectionState === 'connected' && e instanceof StepError
            && (e.kind === 'denied' || e.kind === 'not-found')) {
          // Once the caller deletes an ENDED session it is no longer readable: the call is over.
          log('the session is gone (ended and deleted by the other side)');
          this.end('remote hang-up');
        } else {
          this.fail(e);
        }
      }
    }, delay);
  }

  async pollOnce() {
    // The session and the candidates are read in parallel: one round trip per poll, not two. (The caller reads
    // candidates before the answer too, so the poll that brings the answer also brings the first candidates.)
    const [session, candidates] = await Promise.all([
      signaling.getSession(this.sessionId),
      this.remoteDescriptionSet || this.role === 'caller' ? signaling.listCandidates(this.sessionId) : [],
    ]);
    if (this.ended) return;
    this.showState(session.state);

    if (session.state === 'ENDED') {
      log('the other side hung up');
      this.end('remote hang-up');
      return;
    }
    // Steps 9-10 (caller): the answer has arrived.
    if (this.role === 'caller' && !this.remoteDescriptionSet && session.answer) {
      await this.pc.setRemoteDescription(session.answer);
      this.remoteDescriptionSet = true;
      this.answeredAt = performance.now();
      log('answer received and set');
    }
    // Steps 14-16: add the other side's new candidates (only once the remote description is set).
    if (this.remoteDescriptionSet) {
      const other = this.role === 'caller' ? 'callee' : 'caller';
      for (const c of candidates) {
        if (!c.id.startsWith(`${other}-`) || this.seenCandidates.has(c.id)) continue;
        this.seenCandidates.add(c.id);
        await this.pc.addIceCandidate({ candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex });
        log(`added remote candidate ${c.id}`);
      }
    }
    const now = performance.now();
    if (!this.remoteDescriptionSet && now - this.startedAt > RING_TIMEOUT_MS) {
      throw new StepError('signaling', 'timeout', `no answer after ${RING_TIMEOUT_MS / 1000} s`);
    }
    if (this.remoteDescriptionSet && this.pc.connectionState !== 'connected'
        && now - this.answeredAt > CONNECT_TIMEOUT_MS) {
      throw new StepError('ice', 'timeout', `answered, but not connected after ${CONNECT_TIMEOUT_MS / 1000} s`);
    }
  }

  // ----- Steps 17-19: connected, or failed -----

  async onConnectionState() {
    const state = this.pc.connectionState;
    $('pc-state').textContent = state;
    $('pc-state').dataset.state = state;
    log(`peer connection ${state}`);
    if (state === 'connected' && !this.connectedAt) {
      this.connectedAt = performance.now();
      const ms = Math.round(this.connectedAt - this.startedAt);
      $('time-to-connected').textContent = `${ms} ms from pressing ${this.role === 'caller' ? 'Call' : 'Answer'}`;
      $('time-to-connected').dataset.ms = String(ms);
      this.statsTimer = setInterval(() => this.showStats(), 1000);
      this.showStats();
      // One side reports CONNECTED (the rules allow the step once); here the caller does.
      if (this.role === 'caller') {
        try {
          await signaling.setState(this.sessionId, 'CONNECTED');
          this.showState('CONNECTED');
        } catch (e) {
          this.fail(e);
        }
      }
    }
    if (state === 'failed') {
      this.fail(new StepError('ice', 'failed', this.relayOnly
        ? 'ICE failed: no relay candidate pair worked (is the TURN server reachable, are the credentials valid?)'
        : 'ICE failed: no candidate pair worked (a TURN server reachable by both sides is needed)'));
    }
  }

  /** getStats(): the selected candidate pair, its RTT and bytes. */
  async showStats() {
    if (!this.pc || this.pc.connectionState === 'closed') return;
    const stats = await this.pc.getStats();
    let pair = null;
    stats.forEach((s) => {
      if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
      // The remote audio really arrives: RTP packets received on the inbound audio stream.
      if (s.type === 'inbound-rtp' && s.kind === 'audio' && s.packetsReceived > 0) {
        $('remote-audio-state').textContent = `audio arriving: ${s.packetsReceived} packets, ${s.bytesReceived} bytes`;
        $('remote-audio-state').dataset.packets = String(s.packetsReceived);
      }
    });
    if (!pair) return;
    const local = stats.get(pair.localCandidateId);
    const remote = stats.get(pair.remoteCandidateId);
    // For a relay candidate, relayProtocol is how we reach the TURN server (udp, tcp, tls).
    const via = local.candidateType === 'relay' ? ` via TURN/${local.relayProtocol}` : '';
    $('pair').textContent = `local ${local.candidateType} ${local.protocol}${via}`
      + ` ⇄ remote ${remote.candidateType} ${remote.protocol}`;
    Object.assign($('pair').dataset, {
      localType: local.candidateType, remoteType: remote.candidateType, protocol: local.protocol,
    });
    if (pair.currentRoundTripTime !== undefined) {
      $('rtt').textContent = `${(pair.currentRoundTripTime * 1000).toFixed(1)} ms`;
    }
    $('bytes').textContent = `${pair.bytesSent} / ${pair.bytesReceived}`;
    $('bytes').dataset.received = String(pair.bytesReceived);
  }

  showState(state) {
    // States only move forward; a poll answer that left the server before our own update must not undo it.
    if (STATES.indexOf(state) <= STATES.indexOf(this.sessionState)) return;
    this.sessionState = state;
    $('session-state').textContent = state;
    $('session-state').dataset.state = state;
    for (const item of $('states').children) {
      item.classList.toggle('current', item.dataset.state === state);
    }
    log(`session state ${state}`);
  }

  // ----- Hang-up, failure, cleanup -----

  /** Hang-up (local or remote): close the connection, stop polling, stop the microphone. */
  end(reason) {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.pollTimer);
    clearInterval(this.statsTimer);
    if (this.pc) this.pc.close();
    if (this.stream) this.stream.getTracks().forEach((t) => t.stop());
    $('pc-state').textContent = 'closed';
    $('pc-state').dataset.state = 'closed';
    $('hangup').disabled = true;
    // A session that never got past IDLE (e.g. credentials refused before the offer) has nothing to end.
    if (this.sessionState !== 'IDLE') this.showState('ENDED');
    log(`call ended (${reason})`);
    $('delete-session').disabled = this.role !== 'caller';
  }

  /** Our hang-up: mark the session ENDED for the other side (unless it already is), then end locally. */
  async hangUp() {
    try {
      // IDLE: the session document does not exist yet (start() closes it if the write lands after this).
      if (this.sessionState !== 'IDLE' && this.sessionState !== 'ENDED') {
        await signaling.setState(this.sessionId, 'ENDED');
      }
    } finally {
      this.end('hang-up');
    }
  }

  /** A failed step: say so, end the call, and tell the other side if the session is still writable. */
  fail(error) {
    report(error);
    if (this.ended) return;
    const wasSessionOpen = this.sessionState !== 'IDLE' && this.sessionState !== 'ENDED';
    this.end(`failed at ${error.step || 'app'}`);
    if (wasSessionOpen && !(error instanceof StepError && error.step === 'signaling')) {
      signaling.setState(this.sessionId, 'ENDED').catch((e) => log(`could not mark the session ENDED: ${e.message}`));
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// UI wiring

function openCallPanel(role, sessionId) {
  $('session-card').hidden = false;
  $('session-id').textContent = sessionId;
  $('session-id').dataset.startedAt = String(Date.now());  // for timing: when Call / Answer was pressed
  $('role').textContent = role;
  for (const id of ['pc-state', 'channel-state', 'remote-audio-state', 'pair', 'rtt', 'bytes', 'time-to-connected']) {
    $(id).textContent = '–';
    for (const key of Object.keys($(id).dataset)) delete $(id).dataset[key];
  }
  $('session-state').textContent = 'IDLE';
  delete $('session-state').dataset.state;
  $('hangup').disabled = false;
  $('delete-session').disabled = true;
}

/** Starts or answers a call; a failing step is reported and ends the call. */
async function runCall(role, sessionId, action) {
  clearError();
  if (call && !call.ended) {
    report(new StepError('app', 'invalid', 'hang up the current call first'));
    return;
  }
  call = new Call(role, sessionId, $('relay-only').checked);
  openCallPanel(role, sessionId);
  try {
    await action(call);
  } catch (e) {
    call.fail(e);
  }
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  $('signin').disabled = true;
  try {
    config = config || await loadConfig();
    user = await signIn(config, $('email').value.trim(), $('password').value);
    signaling = new Signaling(config, user);
    $('my-email').textContent = user.email;
    $('my-uid').textContent = user.uid;
    $('whoami').hidden = false;
    $('call-card').hidden = false;
    log(`signed in as ${user.email} (uid ${user.uid})`);
    watchIncomingCalls();
  } catch (e) {
    report(e);
  } finally {
    $('signin').disabled = false;
  }
});

$('call-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const calleeId = $('callee-uid').value.trim();
  runCall('caller', newSessionId(), (c) => c.start(calleeId));
});

$('open-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const sessionId = $('open-session-id').value.trim();
  // The id becomes part of a request path: accept document ids only.
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(sessionId)) {
    report(new StepError('app', 'invalid', 'a session id is letters, digits, "-" and "_" only'));
    return;
  }
  runCall('callee', sessionId, (c) => c.answer());
});

$('hangup').addEventListener('click', () => {
  if (call) call.hangUp().catch(report);
});

$('delete-session').addEventListener('click', async () => {
  $('delete-session').disabled = true;
  try {
    const count = await signaling.deleteSession(call.sessionId);
    log(`deleted session ${call.sessionId} and its ${count} candidates`);
    $('delete-session').dataset.deleted = String(count);
  } catch (e) {
    report(e);
    $('delete-session').disabled = false;
  }
});

/** Step 5 for the callee: poll for sessions that call me and wait for an answer. */
let shownIncoming = '';
let lastIncomingError = '';
async function watchIncomingCalls() {
  try {
    const calls = await signaling.incomingCalls();
    lastIncomingError = '';
    const ids = calls.map((session) => session.id).join(',');
    if (ids !== shownIncoming) {  // re-render only on change, so a button is not replaced under the pointer
      shownIncoming = ids;
      if (calls.length > 0) log(`incoming call(s): ${ids}`);
      $('incoming').dataset.shownAt = String(Date.now());  // for timing: when the call showed up
      $('incoming').replaceChildren(...calls.map((session) => {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.textContent = 'Answer';
        button.dataset.sessionId = session.id;
        button.addEventListener('click', () => runCall('callee', session.id, (c) => c.answer()));
        item.append(`from ${session.caller_id} (session ${session.id}) `, button);
        return item;
      }));
      if (calls.length === 0) $('incoming').innerHTML = '<li class="empty">none</li>';
    }
  } catch (e) {
    if (e.message !== lastIncomingError) report(e);  // once, not on every poll
    lastIncomingError = e.message;
  }
  setTimeout(watchIncomingCalls, POLL_INCOMING_MS);
}

// For the browser console and the e2e test: what a malicious client could try with its own token. The rules
// must refuse it, and the page reports the refusal like any other failed step.
window.turnkitSample = {
  async injectCandidate(sessionId) {
    clearError();
    try {
      await signaling.addCandidate(sessionId, 'callee-99',
        { candidate: 'candidate:1 1 udp 1 192.0.2.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 },
        new Date(Date.now() + SESSION_LIFETIME_MS));
      log('injected a candidate: the rules let it through!');
    } catch (e) {
      report(e);
    }
  },
};

log('ready: sign in to start');
