// app.js: the call flow of the seed design (docs/sample-app.md), step by step, for one signed-in user, on the
// Firebase Web SDK.
//
//   CALLER                                         CALLEE
//   1-2. fetch TURN credentials, create the PC
//   3.   create the offer
//   4.   create webrtc_sessions/{id} with the offer
//        (state OFFER_SENT)                  --->  5. its incoming-calls listener (onSnapshot on a query) fires
//                                                  6-7. fetch credentials, create the PC, set the offer, answer
//   9-10. the session listener fires with the  <-- 8. store the answer (state CONNECTING)
//         answer: set it
//   12-13. publish ICE candidates  <---------------> 12-13. publish ICE candidates
//   14-16. the candidates listener fires with each of the other side's candidates: add it
//   17-19. ICE + DTLS done: the caller sets state CONNECTED; media and the data channel flow
//   hang-up (either side): state ENDED, every listener unsubscribed; the caller may then delete the session and its
//   candidates (one batched write).
//
// Nothing polls: every change reaches the page through an onSnapshot() listener, and every listener a call opens is
// closed when the call ends (hang-up, failure, the other side's hang-up, or this page going away).

import {
  StepError, closeFirestore, connectFirebase, fetchIceServers, loadConfig, openFirestore, signIn, signOut, Signaling,
  timestamp, watchSignIn, withTimeout,
} from './backend.js';
import {
  candidateType, countTypes, iceFailureMessage, IceFailureGrace,
} from './ice.js';

// Nobody answered within this long: the caller gives up (state ENDED).
const RING_TIMEOUT_MS = 60000;
// Answered but not connected this long after: reported as failed rather than left spinning.
const CONNECT_TIMEOUT_MS = 20000;
// Sessions live at most 2 h (the rules' limit); this sample asks for 1 h.
const SESSION_LIFETIME_MS = 60 * 60 * 1000;
// The rules accept candidate ids caller-0..caller-99 / callee-0..callee-99.
const MAX_CANDIDATES = 100;
// The call this tab had open, kept across a reload (sessionStorage) so the reloaded page can end it cleanly.
const OPEN_CALL_KEY = 'turnkit.openCall';

// The session state machine (docs/signaling-data-model.md), in order; the rules allow only these steps.
const STATES = ['IDLE', 'OFFER_SENT', 'CONNECTING', 'CONNECTED', 'ENDED'];

const $ = (id) => document.getElementById(id);

let config = null;     // /config.json
let firebase = null;   // {app, auth, db}
let user = null;       // the signed-in Firebase user
let signaling = null;  // Signaling for `user`
let call = null;       // the current Call, if any
let stopIncoming = null;
let credentials = null;  // {promise, freshUntil}: TURN credentials fetched ahead of the call (iceServersForCall)

// Every open listener's unsubscribe function: a call's listeners leave this set when the call ends.
const listeners = new Set();

/** Registers a listener's unsubscribe function; returns a stop function that is safe to call twice. */
function track(unsubscribe) {
  listeners.add(unsubscribe);
  return () => {
    if (listeners.delete(unsubscribe)) unsubscribe();
  };
}

/** Stops every open listener, the incoming-calls one included (sign-out). */
function stopAllListeners() {
  for (const unsubscribe of [...listeners]) {
    listeners.delete(unsubscribe);
    unsubscribe();
  }
  stopIncoming = null;
}

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

// ---------------------------------------------------------------------------------------------------------------
// TURN credentials ahead of the call: fetched at sign-in, reused while more than half of their lifetime is left, so
// pressing Call or Answer does not wait for the endpoint. A fetch that failed is forgotten, not reported: the call
// fetches again and reports what goes wrong then.

function prefetchIceServers() {
  const fetchedAt = Date.now();
  const entry = { promise: null, freshUntil: Infinity };  // in flight: a call waits for this same request
  entry.promise = fetchIceServers(config, user).then(({ iceServers, ttl }) => {
    entry.freshUntil = fetchedAt + (ttl * 1000) / 2;
    return { iceServers, ttl };
  }, (e) => {
    if (credentials === entry) credentials = null;
    throw e;
  });
  credentials = entry;
  return entry.promise;
}

/** The credentials for a call: those fetched before, when still fresh, else a new request. */
function iceServersForCall() {
  if (credentials && Date.now() < credentials.freshUntil) {
    return credentials.promise.then((c) => ({ ...c, prefetched: true }));
  }
  return prefetchIceServers();
}

// ---------------------------------------------------------------------------------------------------------------
// A call: one RTCPeerConnection, one webrtc_sessions document, and the listeners on it.

class Call {
  constructor(role, sessionId, relayOnly) {
    this.role = role;                 // 'caller' | 'callee'
    this.other = role === 'caller' ? 'callee' : 'caller';
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
    this.publishing = null;           // the batch of candidates on its way, if any
    this.remoteDescriptionSet = false;
    this.pendingRemote = [];          // remote candidates that arrived before the remote description
    this.seenCandidates = new Set();  // ids of remote candidates already taken
    this.localTypes = [];             // types of the local candidates gathered
    this.remoteTypes = [];            // types of the remote candidates received
    this.sessionState = 'IDLE';
    this.creating = false;            // the caller's session write is issued, not yet acknowledged
    this.ended = false;
    this.candidateErrors = new Set(); // "url: code text" of each ICE server that failed
    this.stops = [];                  // this call's listeners
    this.timers = new Set();
    // A "failed" connection gets a grace period before it ends the call (ice.js).
    this.iceGrace = new IceFailureGrace({
      onWaiting: (ms) => log(`ICE failed for now; waiting ${ms / 1000} s for the other side's candidates`),
      onRecovered: (state) => log(`ICE recovered (${state})`),
      onGiveUp: () => this.fail(this.iceFailure()),
    });
    this.statsTimer = 0;
  }

  /** A step of the call in the log, with the time since Call / Answer was pressed (where does the time go?). */
  mark(step) {
    log(`+${Math.round(performance.now() - this.startedAt)} ms ${step}`);
  }

  later(ms, fn) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  /**
   * Steps 1-2 (and 6): the ICE servers are part of the PeerConnection's configuration, so the credentials come first;
   * they were usually fetched at sign-in (see iceServersForCall). The microphone opens meanwhile: neither waits for
   * the other.
   */
  async createPeerConnection() {
    // Local media: the microphone (a fake device in the tests). Permission prompts can wait forever.
    const media = withTimeout(navigator.mediaDevices.getUserMedia({ audio: true, video: false }),
      10000, 'media', 'microphone access').then((stream) => {
      this.stream = stream;
      if (this.ended) stream.getTracks().forEach((t) => t.stop());  // the call failed meanwhile: release the mic
      else this.mark('microphone open (getUserMedia)');
    });
    const servers = iceServersForCall().then((fetched) => {
      this.mark(`credentials: ${fetched.iceServers.length} ICE server entries, valid ${fetched.ttl} s`
        + `${fetched.prefetched ? ' (fetched before the call)' : ''}`);
      return fetched;
    });
    const [{ iceServers }] = await Promise.all([servers, media]);

    this.pc = new RTCPeerConnection({
      iceServers,
      // "relay" = only TURN relay candidates: proves the TURN server works, and hides both peers' addresses.
      iceTransportPolicy: this.relayOnly ? 'relay' : 'all',
    });
    for (const track of this.stream.getTracks()) this.pc.addTrack(track, this.stream);

    // Step 12: the browser gathers candidates as soon as a local description is set; queue them.
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate && candidate.candidate) {
        if (this.localTypes.length === 0) this.mark(`first local candidate (${candidateType(candidate.candidate)})`);
        this.localTypes.push(candidateType(candidate.candidate));
        this.outbox.push(candidate.toJSON());
        this.flushCandidates();
      }
    };
    // A TURN server that refuses the credentials (401) or cannot be reached shows up here, per ICE server URL.
    this.pc.onicecandidateerror = (e) => {
      this.candidateErrors.add(`${e.url}: ${e.errorCode} ${e.errorText}`.trim());
      log(`ICE candidate error ${e.url}: ${e.errorCode} ${e.errorText}`);
      // Relay only, nothing gathered, and the TURN server refused the credentials: every entry carries the same
      // credentials, so no relay candidate will come; say so now instead of after gathering gives up.
      if (e.errorCode === 401 && this.relayOnly && this.localTypes.length === 0 && !this.ended) {
        this.fail(new StepError('ice', 'failed', `ICE failed: the TURN server refused the credentials (${e.url}: `
          + `${e.errorCode} ${e.errorText}): wrong or expired credentials; does coturn have the endpoint's secret?`));
      }
    };
    // Relay only and gathering finished without a single relay candidate: the call cannot connect; say why now
    // instead of waiting for the setup timeout.
    this.pc.onicegatheringstatechange = () => {
      this.mark(`ICE gathering ${this.pc.iceGatheringState} (${this.localTypes.length} local candidates)`);
      if (this.pc.iceGatheringState === 'complete' && this.relayOnly && this.localTypes.length === 0 && !this.ended) {
        this.fail(new StepError('ice', 'failed', 'ICE failed: no relay candidate from the TURN server'
          + (this.candidateErrors.size ? ` (${[...this.candidateErrors].join('; ')})` : '')));
      }
    };
    this.pc.onconnectionstatechange = () => this.onConnectionState();
    this.pc.oniceconnectionstatechange = () => this.mark(`ICE ${this.pc.iceConnectionState}`);
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

  /**
   * Step 13: publish queued candidates, once the session allows it, without waiting for the session write (or the
   * answer) to be acknowledged: the SDK sends one client's writes in order, so they land after it. One batched write
   * at a time: candidates found while a batch is on its way go together in the next one. The first candidate leaves
   * at once, and a busy signaling server gets a few writes per call instead of one per candidate (a browser gathers
   * one relay candidate per network interface and TURN URI: 6-10 per side on the test machine), which would otherwise
   * queue in front of the other side's answer.
   */
  flushCandidates() {
    if (!this.canPublish || this.ended || this.publishing || this.outbox.length === 0) return;
    if (this.published + this.outbox.length > MAX_CANDIDATES) {
      const dropped = this.published + this.outbox.length - MAX_CANDIDATES;
      log(`not publishing ${dropped} more candidates: the rules allow ${MAX_CANDIDATES} per side`);
      this.outbox.splice(MAX_CANDIDATES - this.published);
      if (this.outbox.length === 0) return;
    }
    const batch = this.outbox.splice(0).map((candidate) => {
      const id = `${this.role}-${this.published}`;
      this.published += 1;
      return { id, candidate };
    });
    this.publishing = signaling.addCandidates(this.sessionId, batch, this.expiresAt).then(() => {
      this.publishing = null;
      this.mark(`published ${batch.map(({ id, candidate }) => `${id} (${candidate.candidate.split(' ')
        .slice(4, 8).join(' ')})`).join(', ')}`);
      this.flushCandidates();
    }, (e) => {
      this.publishing = null;
      this.fail(e);
    });
  }

  /** Steps 9-10 and 14-16: the listeners on the session document and its candidates. */
  listen() {
    this.stops.push(track(signaling.watchSession(this.sessionId,
      (session) => this.onSession(session).catch((e) => this.fail(e)), (e) => this.fail(e))));
    this.stops.push(track(signaling.watchCandidates(this.sessionId,
      (c) => this.onCandidate(c), (e) => this.fail(e))));
  }

  /**
   * Keeps the call in this tab's sessionStorage from the moment its session is written, so a reloaded page can end
   * it (see endLeftOverCall).
   */
  remember() {
    sessionStorage.setItem(OPEN_CALL_KEY, JSON.stringify({ sessionId: this.sessionId, role: this.role }));
  }

  // ----- The caller -----

  async start(calleeId) {
    await this.createPeerConnection();
    this.useChannel(this.pc.createDataChannel('chat'));

    // Step 3: the offer. setLocalDescription also starts ICE gathering (candidates go to the outbox).
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    this.mark('offer created and set (gathering started)');
    if (this.ended) return;  // e.g. gathering already failed: do not ring the callee for nothing

    // Step 4: the session document, born with the offer (state OFFER_SENT), created_at = serverTimestamp().
    this.expiresAt = timestamp(new Date(Date.now() + SESSION_LIFETIME_MS));
    this.remember();
    this.creating = true;  // from here on an end must write ENDED (the SDK sends it after the create)
    const created = signaling.createSession(this.sessionId, { calleeId, offer, expiresAt: this.expiresAt });
    // Candidates may follow at once: they reach the server after the session (see flushCandidates).
    this.canPublish = true;
    this.flushCandidates();
    await created;
    this.creating = false;
    this.mark('session write acknowledged');
    if (this.ended) return;  // failed or hung up meanwhile: fail()/hangUp() already wrote ENDED after the create
    this.showState('OFFER_SENT');
    log(`session ${this.sessionId} created with the offer; waiting for ${calleeId} to answer`);

    // The session exists: its listeners may start (the rules check participation on the stored session).
    this.listen();
    this.later(RING_TIMEOUT_MS, () => {
      if (!this.remoteDescriptionSet) {
        this.fail(new StepError('signaling', 'timeout', `no answer after ${RING_TIMEOUT_MS / 1000} s`));
      }
    });
  }

  // ----- The callee -----

  /** `session` comes from the incoming-calls listener; answering by id reads it first (also the access check). */
  async answer(session) {
    const s = session || await signaling.getSession(this.sessionId);
    if (s.callee_id !== user.uid) {
      throw new StepError('signaling', 'invalid', 'this session calls someone else');
    }
    if (s.state !== 'OFFER_SENT') {
      throw new StepError('signaling', 'invalid', `this session is ${s.state}, not waiting for an answer`);
    }
    this.expiresAt = s.expires_at;
    this.showState(s.state);

    // Steps 6-7: PeerConnection, remote offer, local answer.
    await this.createPeerConnection();
    await this.pc.setRemoteDescription(s.offer);
    this.mark('offer set');
    this.remoteDescriptionSet = true;
    this.listen();  // the caller's candidates are usually there already
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    if (this.ended) return;  // failed meanwhile; fail() has already marked the session ENDED

    // Step 8: store the answer; the session moves to CONNECTING.
    this.remember();
    const answered = signaling.answer(this.sessionId, answer);
    this.canPublish = true;  // our candidates reach the server after the answer (see flushCandidates)
    this.flushCandidates();
    this.mark('answer created and set; answer write issued');
    await answered;
    this.answeredAt = performance.now();
    this.showState('CONNECTING');
    this.mark('answer write acknowledged');
    this.expectConnected();
  }

  expectConnected() {
    this.later(CONNECT_TIMEOUT_MS, () => {
      if (this.pc.connectionState !== 'connected') {
        this.fail(new StepError('ice', 'timeout', `answered, but not connected after ${CONNECT_TIMEOUT_MS / 1000} s`
          + ` (candidates: local ${countTypes(this.localTypes)}; remote ${countTypes(this.remoteTypes)})`));
      }
    });
  }

  // ----- Both sides: what the listeners bring -----

  async onSession(session) {
    if (this.ended) return;
    if (!session) {
      this.endedByOtherSide('the other side ended the call and deleted the session');
      return;
    }
    this.showState(session.state);
    if (session.state === 'ENDED') {
      this.endedByOtherSide('the other side ended the call');
      return;
    }
    // Steps 9-10 (caller): the answer has arrived.
    if (this.role === 'caller' && !this.remoteDescriptionSet && session.answer) {
      await this.pc.setRemoteDescription(session.answer);
      this.remoteDescriptionSet = true;
      this.answeredAt = performance.now();
      this.mark('answer received (session listener) and set');
      for (const c of this.pendingRemote.splice(0)) await this.addRemote(c);
      this.expectConnected();
    }
  }

  /** Steps 14-16: the other side's candidates, added once the remote description is set. */
  async onCandidate(c) {
    if (this.ended || !c.id.startsWith(`${this.other}-`) || this.seenCandidates.has(c.id)) return;
    this.seenCandidates.add(c.id);
    this.remoteTypes.push(candidateType(c.candidate));
    if (this.remoteDescriptionSet) await this.addRemote(c);
    else this.pendingRemote.push(c);
  }

  async addRemote(c) {
    try {
      await this.pc.addIceCandidate({ candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex });
      this.mark(`added remote candidate ${c.id} (${candidateType(c.candidate)})`);
    } catch (e) {
      // One unusable candidate (e.g. an address family this browser lacks) does not end the call.
      if (!this.ended) log(`could not add remote candidate ${c.id}: ${e.message}`);
    }
  }

  // ----- Steps 17-19: connected, or failed -----

  async onConnectionState() {
    const state = this.pc.connectionState;
    $('pc-state').textContent = state;
    $('pc-state').dataset.state = state;
    this.mark(`peer connection ${state}`);
    if (!this.ended) this.iceGrace.update(state);
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
  }

  /** What ICE failure to report: what was tried, and the TURN servers' own errors if there were any. */
  iceFailure() {
    return new StepError('ice', 'failed', iceFailureMessage({ localTypes: this.localTypes,
      remoteTypes: this.remoteTypes, relayOnly: this.relayOnly, turnErrors: [...this.candidateErrors] }));
  }

  /** getStats(): the selected candidate pair and its RTT, and the bytes of the connection. */
  async showStats() {
    if (!this.pc || this.pc.connectionState === 'closed') return;
    const stats = await this.pc.getStats();
    let pair = null;
    let transport = null;
    stats.forEach((s) => {
      if (s.type === 'transport' && s.selectedCandidatePairId) {
        transport = s;
        pair = stats.get(s.selectedCandidatePairId);
      }
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
    // The connection's bytes, not the selected pair's: ICE may switch pairs (each side can briefly send on a pair
    // the other has left), so one pair's counters can read 0 received while media flows on the other.
    $('bytes').textContent = `${transport.bytesSent} / ${transport.bytesReceived}`;
    $('bytes').dataset.received = String(transport.bytesReceived);
  }

  showState(state) {
    // States only move forward; a snapshot older than our own write must not undo it.
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

  /**
   * The end of the call, whatever the reason: every listener unsubscribed, timers cleared, the connection closed,
   * the microphone stopped. `keepMarker`: leave the open-call marker for the reloaded page (see pagehide).
   */
  end(reason, { keepMarker = false } = {}) {
    if (this.ended) return;
    this.ended = true;
    this.stops.splice(0).forEach((stop) => stop());
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.iceGrace.stop();
    clearInterval(this.statsTimer);
    if (this.pc) this.pc.close();
    if (this.stream) this.stream.getTracks().forEach((t) => t.stop());
    if (!keepMarker) sessionStorage.removeItem(OPEN_CALL_KEY);
    $('pc-state').textContent = 'closed';
    $('pc-state').dataset.state = 'closed';
    $('hangup').disabled = true;
    // A session that never got past IDLE (e.g. credentials refused before the offer) has nothing to end.
    if (this.sessionState !== 'IDLE') this.showState('ENDED');
    $('end-reason').textContent = reason;
    $('end-reason').dataset.reason = reason;
    log(`call ended (${reason}); listeners still open on this page: ${listeners.size - (stopIncoming ? 1 : 0)}`);
    $('delete-session').disabled = this.role !== 'caller' || this.sessionState === 'IDLE';
  }

  /** Whether the other side may see this session ringing or running (also while its create is in flight). */
  get sessionOpen() {
    return this.creating || (this.sessionState !== 'IDLE' && this.sessionState !== 'ENDED');
  }

  /** The other side set ENDED (or deleted the session): not a failure of ours, and not a rules denial. */
  endedByOtherSide(reason) {
    log(reason);
    this.end(reason);
  }

  /** Our hang-up: end locally first (so our own ENDED write is not taken for the other side's), then tell them. */
  async hangUp() {
    const open = this.sessionOpen;
    this.end('you hung up');
    if (open) await signaling.setState(this.sessionId, 'ENDED');
  }

  /**
   * A failed step: say so, end the call, and tell the other side. A rules denial during a call is checked against
   * the session first: if the other side has ended it, that is what happened, and what the page says.
   */
  async fail(error) {
    if (this.ended) {
      // A write still in flight when the call ended (e.g. a candidate): expected, not news.
      if (error instanceof StepError && error.step === 'signaling') log(`after the end: ${error.message}`);
      else report(error);
      return;
    }
    if (error instanceof StepError && error.kind === 'denied' && this.sessionState !== 'IDLE') {
      const state = await signaling.getSession(this.sessionId).then((s) => s.state, () => null);
      if (this.ended) return;
      if (state === 'ENDED') {
        this.endedByOtherSide(`the other side ended the call (then: ${error.message})`);
        return;
      }
    }
    report(error);
    const tellOtherSide = this.sessionOpen && !(error instanceof StepError && error.step === 'signaling');
    this.end(`failed at ${error.step || 'app'}: ${error.message}`);
    if (tellOtherSide) {
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
  for (const id of ['pc-state', 'channel-state', 'remote-audio-state', 'pair', 'rtt', 'bytes', 'time-to-connected',
    'end-reason']) {
    $(id).textContent = '–';
    for (const key of Object.keys($(id).dataset)) delete $(id).dataset[key];
  }
  $('session-state').textContent = 'IDLE';
  delete $('session-state').dataset.state;
  for (const item of $('states').children) item.classList.remove('current');
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

/** Loads /config.json and initializes Firebase once; also restores a tab's sign-in after a reload. */
async function ensureFirebase() {
  if (firebase) return firebase;
  config = config || await loadConfig();
  firebase = connectFirebase(config);
  watchSignIn(firebase.auth, (signedIn) => {
    if (signedIn && (!user || user.uid !== signedIn.uid)) onSignedIn(signedIn);
    else if (!signedIn && user) onSignedOut();
  });
  return firebase;
}

function onSignedIn(signedIn) {
  user = signedIn;
  signaling = new Signaling(firebase.db, user);
  $('my-email').textContent = user.email;
  $('my-uid').textContent = user.uid;
  $('whoami').hidden = false;
  $('call-card').hidden = false;
  log(`signed in as ${user.email} (uid ${user.uid})`);
  prefetchIceServers().then(({ iceServers }) => log(`credentials fetched ahead of calls: ${iceServers.length} ICE `
    + 'server entries'), (e) => log(`credentials not fetched ahead of calls (a call will try again): ${e.message}`));
  endLeftOverCall();
  watchIncomingCalls();
}

/** Signed out (here, or the sign-in ended elsewhere): nothing of the user's stays open on this page. */
function onSignedOut() {
  if (call && !call.ended) call.end('signed out');
  stopAllListeners();
  log(`signed out of ${user.email}; listeners still open on this page: ${listeners.size}`);
  user = null;
  signaling = null;
  credentials = null;
  $('my-email').textContent = '';
  $('my-uid').textContent = '';
  $('whoami').hidden = true;
  $('call-card').hidden = true;
  $('incoming').innerHTML = '<li class="empty">none yet</li>';
}

/**
 * Sign-out, as an app should do it when a user leaves: hang up an open call, stop every listener, then close this
 * user's Firestore client (the emulator drops its listeners at once) and sign out of Auth. The next user gets a new
 * Firestore client.
 */
async function signOutNow() {
  if (!user) return;
  $('signout').disabled = true;
  try {
    if (call && !call.ended) await call.hangUp().catch((e) => log(`hang-up before sign-out: ${e.message}`));
    stopAllListeners();
    await closeFirestore(firebase.db);
    firebase.db = openFirestore(firebase.app, config);
    await signOut(firebase.auth);  // onSignedOut runs from the auth listener
  } catch (e) {
    report(e);
  } finally {
    $('signout').disabled = false;
  }
}

/**
 * This tab had a call open when it was reloaded or closed: end that session now (the page that ran it is gone, and
 * its last ENDED write may not have left before it went). The other side's session listener sees ENDED.
 */
async function endLeftOverCall() {
  const left = JSON.parse(sessionStorage.getItem(OPEN_CALL_KEY) || 'null');
  if (!left) return;
  sessionStorage.removeItem(OPEN_CALL_KEY);
  try {
    await signaling.setState(left.sessionId, 'ENDED');
    log(`ended call ${left.sessionId} (${left.role}), left open when this page was reloaded`);
  } catch (e) {
    log(`call ${left.sessionId}, left open when this page was reloaded, could not be ended: ${e.message}`);
  }
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  $('signin').disabled = true;
  try {
    const { auth } = await ensureFirebase();
    await signIn(auth, $('email').value.trim(), $('password').value);  // onSignedIn runs from the auth listener
  } catch (e) {
    report(e);
  } finally {
    $('signin').disabled = false;
  }
});

$('signout').addEventListener('click', () => signOutNow());

$('call-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const calleeId = $('callee-uid').value.trim();
  runCall('caller', signaling.newSessionId(), (c) => c.start(calleeId));
});

$('open-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const sessionId = $('open-session-id').value.trim();
  // The id becomes part of a document path: accept document ids only.
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
    log(`deleted session ${call.sessionId} and its ${count} candidates (one batched write)`);
    $('delete-session').dataset.deleted = String(count);
  } catch (e) {
    report(e);
    $('delete-session').disabled = false;
  }
});

/** Step 5 for the callee: a listener on the sessions that call me and wait for an answer. */
function watchIncomingCalls() {
  if (stopIncoming) stopIncoming();
  let shown = '';
  const render = (calls) => {
    const ids = calls.map((session) => session.id).join(',');
    if (ids === shown) return;  // re-render only on change, so a button is not replaced under the pointer
    shown = ids;
    if (calls.length > 0) log(`incoming call(s): ${ids}`);
    $('incoming').dataset.shownAt = String(Date.now());  // for timing: when the call showed up
    $('incoming').replaceChildren(...calls.map((session) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.textContent = 'Answer';
      button.dataset.sessionId = session.id;
      button.addEventListener('click', () => runCall('callee', session.id, (c) => c.answer(session)));
      item.append(`from ${session.caller_id} (session ${session.id}) `, button);
      return item;
    }));
    if (calls.length === 0) $('incoming').innerHTML = '<li class="empty">none</li>';
  };
  stopIncoming = track(signaling.watchIncomingCalls(render, (e) => {
    report(e);
    if (stopIncoming) stopIncoming();  // a failed listener is over: it no longer counts as open
    stopIncoming = null;
  }));
}

// The tab goes away (reload, close, navigation) with a call open: close it here and try to tell the other side. The
// write may not leave in time, so the open-call marker stays for the reloaded page (endLeftOverCall).
window.addEventListener('pagehide', () => {
  if (call && !call.ended) {
    const open = call.sessionOpen;
    call.end('this page was closed', { keepMarker: true });
    if (open) signaling.setState(call.sessionId, 'ENDED').catch(() => {});
  }
});

// For the browser console and the e2e test: what a malicious signed-in client could try with its own sign-in. The
// rules must refuse it, and the page reports the refusal like any other failed step.
window.turnkitSample = {
  async injectCandidate(sessionId) {
    clearError();
    try {
      await signaling.addCandidate(sessionId, 'callee-99',
        { candidate: 'candidate:1 1 udp 1 192.0.2.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 },
        timestamp(new Date(Date.now() + SESSION_LIFETIME_MS)));
      log('injected a candidate: the rules let it through!');
    } catch (e) {
      report(e);
    }
  },

  /**
   * onSnapshot() on someone else's session and on its candidates. Resolves to what each listener got:
   * 'permission-denied' (reported by the page), 'data' (a leak: the rules let it through) or 'timeout'.
   */
  async listen(sessionId) {
    clearError();
    const attempt = (watch) => new Promise((resolve) => {
      let stop = () => {};
      const timer = setTimeout(() => { stop(); resolve('timeout'); }, 8000);
      const done = (outcome) => { clearTimeout(timer); stop(); resolve(outcome); };
      stop = track(watch(() => {
        log(`listener on ${sessionId} got data: the rules let it through!`);
        done('data');
      }, (e) => {
        report(e);
        done(e.kind === 'denied' ? 'permission-denied' : e.kind);
      }));
    });
    return Promise.all([
      attempt((next, error) => signaling.watchSession(sessionId, next, error)),
      attempt((next, error) => signaling.watchCandidates(sessionId, next, error)),
    ]);
  },

  /** The TURN credentials this user gets, as the call would use them. */
  iceServers() {
    return fetchIceServers(config, user);
  },

  /** How many listeners this page has open (the incoming-calls listener included). */
  listenerCount() {
    return listeners.size;
  },
  /**
   * The data channel as the browser counts it (getStats(): messages sent and received), and the selected candidate
   * pair: what a failure report needs to tell a message never sent from one lost on the way.
   */
  async dataChannelReport() {
    if (!call || !call.pc) return 'no call';
    const parts = [`channel ${call.channel ? `${call.channel.readyState} id ${call.channel.id}` : 'none'}`,
      `sctp ${call.pc.sctp ? call.pc.sctp.state : 'none'}`];
    (await call.pc.getStats()).forEach((r) => {
      if (r.type === 'data-channel') {
        parts.push(`"${r.label}" sent ${r.messagesSent} received ${r.messagesReceived}`);
      } else if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded') {
        parts.push(`pair ${r.localCandidateId} -> ${r.remoteCandidateId} (packets sent ${r.packetsSent}, `
          + `received ${r.packetsReceived})`);
      }
    });
    return parts.join('; ');
  },
};

log('ready: sign in to start');
ensureFirebase().catch(report);
