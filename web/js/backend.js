// backend.js: every network call the sample makes, on the Firebase Web SDK as an app makes them.
//
//   loadConfig()        where everything is (served by `turnkit local up` as /config.json)
//   connectFirebase()   initializeApp + Auth + Firestore, pointed at the emulators on the local stack
//   signIn()            Firebase Auth, email + password (the account is created on first use)
//   closeFirestore()    terminate() the user's Firestore client at sign-out (its listeners end on the server too)
//   signOut()           Firebase Auth sign-out
//   fetchIceServers()   short-lived TURN credentials from the turnkit credentials endpoint
//   Signaling           webrtc_sessions/{id} and its ice_candidates under the project's firestore.rules:
//                       writes, and onSnapshot() listeners for the incoming calls, the session and the candidates
//
// Two rules hold for every call below, and an app should keep both:
//   1. Every request has a deadline: nothing waits forever (the SDK retries writes while offline, so a write
//      that is not acknowledged in time is reported as a timeout).
//   2. Every failure becomes a StepError that says which step failed and why, in words a user can act on.

import { initializeApp } from 'firebase/app';
import {
  browserSessionPersistence, connectAuthEmulator, createUserWithEmailAndPassword, initializeAuth, onAuthStateChanged,
  signInWithEmailAndPassword, signOut as authSignOut,
} from 'firebase/auth';
import {
  Timestamp, collection, connectFirestoreEmulator, doc, getDoc, getDocs, initializeFirestore, onSnapshot, query,
  serverTimestamp, setDoc, terminate, updateDoc, where, writeBatch,
} from 'firebase/firestore';

/** How long any single HTTP request (config, credentials) or sign-in may take before we give up on it. */
export const REQUEST_TIMEOUT_MS = 8000;
/** How long a Firestore write or read may wait for the server's acknowledgement (the SDK retries meanwhile). */
export const SIGNALING_TIMEOUT_MS = 15000;
/** How long a new listener may wait for its first snapshot: a listener the server never answers is a failure too. */
export const LISTEN_TIMEOUT_MS = 10000;

/**
 * A failed step of the call flow.
 *   step: 'config' | 'auth' | 'credentials' | 'signaling' | 'media' | 'ice'
 *   kind: 'denied' (rules said no) | 'refused' (the credentials endpoint or Auth said no) | 'unreachable'
 *         | 'timeout' | 'rate-limited' | 'not-found' | 'invalid' | 'ended' (the other side ended the call)
 *         | 'failed'
 */
export class StepError extends Error {
  constructor(step, kind, message, status = 0) {
    super(message);
    this.name = 'StepError';
    this.step = step;
    this.kind = kind;
    this.status = status;
  }
}

/** Rejects with a StepError of kind 'timeout' if `promise` takes longer than `ms`. */
export function withTimeout(promise, ms, step, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new StepError(step, 'timeout', `${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * fetch() with a deadline, for the two plain HTTP calls (config and TURN credentials). Resolves to
 * {status, body}; rejects with a StepError of kind 'timeout' or 'unreachable' when no HTTP answer arrives.
 */
async function request(step, url, { headers = {}, timeoutMs = REQUEST_TIMEOUT_MS } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const where = new URL(url).origin;
  try {
    const response = await fetch(url, { headers, signal: controller.signal, cache: 'no-store' });
    const text = await response.text();  // covered by the same deadline
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text, it goes into the error message
    }
    return { status: response.status, body: parsed };
  } catch (e) {
    if (e.name === 'AbortError') {
      throw new StepError(step, 'timeout', `${step}: ${where} did not answer within ${timeoutMs / 1000} s`);
    }
    // fetch() rejects with a TypeError for refused connections, DNS failures and CORS rejections alike;
    // the browser hides which one on purpose (the devtools console shows the detail).
    throw new StepError(step, 'unreachable', `${step}: cannot reach ${where} (connection refused, or CORS)`);
  } finally {
    clearTimeout(timer);
  }
}

/** The error text the credentials endpoint put in its body, if any. */
function serverMessage(body) {
  if (body && typeof body === 'object' && typeof body.error === 'string') {
    return body.message ? `${body.error}: ${body.message}` : body.error;
  }
  return typeof body === 'string' ? body.slice(0, 200) : '';
}

// ---------------------------------------------------------------------------------------------------------------
// Config and Firebase

/**
 * The page's settings. `turnkit local up` serves them as /config.json next to this page:
 *   {projectId, authEmulatorUrl, firestoreEmulatorUrl, credentialsUrl[, firebase: {apiKey, authDomain, projectId,
 *    appId}]}
 * A production app compiles its Firebase config in instead (docs/sample-app.md, "Moving to production").
 */
export async function loadConfig() {
  const { status, body } = await request('config', new URL('config.json', document.baseURI).href);
  if (status !== 200 || !body || typeof body !== 'object') {
    throw new StepError('config', 'failed', `config: /config.json answered ${status}; is turnkit local up running?`);
  }
  if (typeof body.credentialsUrl !== 'string' || !body.credentialsUrl) {
    throw new StepError('config', 'invalid', 'config: /config.json has no "credentialsUrl" (is the Auth emulator '
      + 'installed? run npm ci --prefix e2e)');
  }
  if (!body.firebase && !body.projectId) {
    throw new StepError('config', 'invalid', 'config: /config.json has neither "firebase" nor "projectId"');
  }
  if (!body.firebase && !body.firestoreEmulatorUrl) {
    throw new StepError('config', 'invalid',
      'config: no Firestore emulator in this local stack (install google-cloud-cli-firestore-emulator)');
  }
  return body;
}

/**
 * initializeApp() with the project's web app config, when /config.json carries one (`firebase`); on the local
 * stack, the demo project id is enough: the emulators accept any API key, and a `demo-` project can never reach
 * real Firebase. Auth keeps the sign-in per browser tab (session storage): two tabs can be two users, and a
 * reload keeps the tab signed in. With emulator URLs in the config, Auth and Firestore talk to the emulators.
 */
export function connectFirebase(config) {
  const options = config.firebase || {
    apiKey: 'demo-api-key',
    authDomain: `${config.projectId}.firebaseapp.com`,
    projectId: config.projectId,
    appId: 'demo-app',
  };
  const app = initializeApp(options);
  const auth = initializeAuth(app, { persistence: browserSessionPersistence });
  if (config.authEmulatorUrl) connectAuthEmulator(auth, config.authEmulatorUrl, { disableWarnings: true });
  return { app, auth, db: openFirestore(app, config) };
}

/**
 * A Firestore client for `app`: one per signed-in user (closeFirestore() ends it at sign-out), on the emulator when
 * configured.
 */
export function openFirestore(app, config) {
  const db = initializeFirestore(app, {});
  if (config.firestoreEmulatorUrl) {
    const url = new URL(config.firestoreEmulatorUrl);
    connectFirestoreEmulator(db, url.hostname, Number(url.port));
  }
  return db;
}

// ---------------------------------------------------------------------------------------------------------------
// Sign-in: Firebase Auth, email + password.

/** Firebase Auth error codes, as a user would want to read them. */
function authError(e) {
  const code = e && e.code ? e.code : '';
  if (code === 'auth/network-request-failed') {
    return new StepError('auth', 'unreachable', 'sign-in: cannot reach Firebase Auth (is the Auth emulator up?)');
  }
  if (code === 'auth/too-many-requests') {
    return new StepError('auth', 'rate-limited', 'sign-in: too many attempts, try again later');
  }
  if (e instanceof StepError) return e;
  return new StepError('auth', 'refused', `sign-in refused: ${code || e.message}`);
}

/** Resolves to the signed-in Firebase user, creating the account on first use. */
export async function signIn(auth, email, password) {
  const timed = (p, what) => withTimeout(p, REQUEST_TIMEOUT_MS, 'auth', what);
  try {
    return (await timed(signInWithEmailAndPassword(auth, email, password), 'sign-in')).user;
  } catch (e) {
    // Unknown account: create it. (With email enumeration protection on, a wrong password and an unknown
    // account both read auth/invalid-credential; creating the account then tells the two apart.)
    if (e.code !== 'auth/user-not-found' && e.code !== 'auth/invalid-credential') throw authError(e);
  }
  try {
    return (await timed(createUserWithEmailAndPassword(auth, email, password), 'sign-up')).user;
  } catch (e) {
    if (e.code === 'auth/email-already-in-use') {
      throw new StepError('auth', 'refused', `sign-in refused: wrong password for ${email}`);
    }
    if (e.code === 'auth/weak-password') {
      throw new StepError('auth', 'refused', 'sign-in refused: the password needs at least 6 characters');
    }
    throw authError(e);
  }
}

/**
 * Closes a user's Firestore client before sign-out. terminate() closes the client's streams, so the server drops its
 * listeners at once; a listener merely unsubscribed while the page is going away may never be told to the server,
 * and the Firestore emulator then keeps evaluating it on every write (docs/sample-app.md, "Leave by signing out").
 * Stop the listeners first. The next user needs a new client (openFirestore).
 */
export function closeFirestore(db) {
  return withTimeout(terminate(db), REQUEST_TIMEOUT_MS, 'auth', 'closing the Firestore client');
}

/** Signs out of Firebase Auth (after closeFirestore: a client still open would re-listen as nobody, and be denied). */
export function signOut(auth) {
  return withTimeout(authSignOut(auth), REQUEST_TIMEOUT_MS, 'auth', 'sign-out');
}

/** Calls `callback(user or null)` whenever the sign-in changes, e.g. when a reloaded tab is signed in again. */
export function watchSignIn(auth, callback) {
  return onAuthStateChanged(auth, callback);
}

// ---------------------------------------------------------------------------------------------------------------
// TURN credentials: the turnkit endpoint mints coturn REST credentials for the signed-in user only.

/**
 * GET {credentialsUrl} with the user's ID token (the SDK refreshes it when it is about to expire). Resolves to
 * {iceServers, ttl}: a ready-to-use RTCIceServer[] (stun:, turn: udp/tcp, turns:). The username inside is
 * "<expiry>:<uid>", so the credentials expire by themselves: refetch before `ttl` runs out and apply them with
 * pc.setConfiguration().
 */
export async function fetchIceServers(config, user) {
  const idToken = await withTimeout(user.getIdToken(), REQUEST_TIMEOUT_MS, 'auth', 'ID token refresh');
  const { status, body } = await request('credentials', config.credentialsUrl,
    { headers: { Authorization: `Bearer ${idToken}` } });
  if (status === 401 || status === 403) {
    throw new StepError('credentials', 'refused',
      `credentials refused (${status}): ${serverMessage(body) || 'the endpoint did not accept this sign-in'}`, status);
  }
  if (status === 429) {
    throw new StepError('credentials', 'rate-limited', 'credentials: too many requests (429), try again later', 429);
  }
  if (status !== 200 || !body || !Array.isArray(body.iceServers) || body.iceServers.length === 0) {
    throw new StepError('credentials', 'failed',
      `credentials endpoint answered ${status} without iceServers: ${serverMessage(body)}`, status);
  }
  return { iceServers: body.iceServers, ttl: body.ttl };
}

// ---------------------------------------------------------------------------------------------------------------
// Signaling: Firestore through the SDK.

/** A Firestore SDK error as a StepError; `what` says which operation. */
export function signalingError(what, e) {
  if (e instanceof StepError) return e;
  const code = e && e.code ? e.code : 'unknown';
  if (code === 'permission-denied') {
    return new StepError('signaling', 'denied', `signaling denied by firestore.rules (permission-denied) on ${what}`);
  }
  if (code === 'unavailable') {
    return new StepError('signaling', 'unreachable', `signaling: cannot reach Firestore on ${what} (unavailable)`);
  }
  if (code === 'not-found') return new StepError('signaling', 'not-found', `signaling: ${what}: not found`);
  if (code === 'unauthenticated') {
    return new StepError('signaling', 'refused', `signaling: ${what}: the sign-in is not valid (unauthenticated)`);
  }
  return new StepError('signaling', 'failed', `signaling: ${what} failed (${code}): ${e.message}`);
}

/**
 * The signaling store of one signed-in user. Data model (docs/signaling-data-model.md):
 *
 *   webrtc_sessions/{sessionId}
 *     caller_id, callee_id         uids; the rules let only these two read or change the session
 *     offer, answer                {type, sdp} or null; written once each
 *     state                        IDLE -> OFFER_SENT -> CONNECTING -> CONNECTED -> ENDED
 *     created_at                   serverTimestamp() (the rules demand request.time)
 *     expires_at                   at most 2 h ahead; TTL policy deletes it, the rules hide it once past
 *   webrtc_sessions/{sessionId}/ice_candidates/{caller-N | callee-N}
 *     sender_id, candidate, sdpMid, sdpMLineIndex, created_at, expires_at (= the session's)
 *
 * Writes resolve when the server has acknowledged them (a deadline turns "never" into a timeout). The SDK sends
 * one client's writes in order on one stream, so a candidate written after the session is evaluated after it.
 */
export class Signaling {
  constructor(db, user) {
    this.db = db;
    this.user = user;
  }

  sessionRef(sessionId) {
    return doc(this.db, 'webrtc_sessions', sessionId);
  }

  candidatesRef(sessionId) {
    return collection(this.db, 'webrtc_sessions', sessionId, 'ice_candidates');
  }

  /** A new random document id, made by the SDK. */
  newSessionId() {
    return doc(collection(this.db, 'webrtc_sessions')).id;
  }

  /** Runs one write or read with a deadline; failures become StepErrors. */
  async run(what, promise) {
    try {
      return await withTimeout(promise, SIGNALING_TIMEOUT_MS, 'signaling', `signaling: ${what}`);
    } catch (e) {
      throw signalingError(what, e);
    }
  }

  /** Caller, seed steps 3-4: the session is born with the offer in it (state OFFER_SENT). */
  createSession(sessionId, { calleeId, offer, expiresAt }) {
    return this.run('create session', setDoc(this.sessionRef(sessionId), {
      caller_id: this.user.uid,
      callee_id: calleeId,
      offer: { type: offer.type, sdp: offer.sdp },
      answer: null,
      state: 'OFFER_SENT',
      created_at: serverTimestamp(),
      expires_at: expiresAt,
    }));
  }

  /** One read of the session from the server (the access check for "answer by id"). */
  async getSession(sessionId) {
    const snap = await this.run('read session', getDoc(this.sessionRef(sessionId)));
    if (!snap.exists()) throw new StepError('signaling', 'not-found', `signaling: session ${sessionId} not found`);
    return { id: sessionId, ...snap.data() };
  }

  /**
   * Callee, seed step 5 ("notify callee"): a listener on the sessions that call me and wait for an answer. The query
   * must constrain callee_id to my uid, otherwise the rules (list: only participants) reject it. Calls already
   * ringing when the listener starts arrive in its first snapshot. Expired sessions may linger until the TTL policy
   * deletes them, so they are filtered out here. Returns the unsubscribe function.
   */
  watchIncomingCalls(onCalls, onError) {
    const incoming = query(collection(this.db, 'webrtc_sessions'),
      where('callee_id', '==', this.user.uid), where('state', '==', 'OFFER_SENT'));
    return this.listen(incoming, 'listen to incoming calls', (snap) => {
      const now = Date.now();
      onCalls(snap.docs.map((d) => ({ id: d.id, ...d.data() }))
        .filter((session) => session.expires_at && session.expires_at.toMillis() > now));
    }, onError);
  }

  /**
   * Seeds steps 9-10 and hang-ups: a listener on the session document. `onSession` gets the session (null once it
   * is deleted). Returns the unsubscribe function.
   */
  watchSession(sessionId, onSession, onError) {
    return this.listen(this.sessionRef(sessionId), 'listen to the session',
      (snap) => onSession(snap.exists() ? { id: sessionId, ...snap.data() } : null), onError);
  }

  /** Seed step 14: a listener on the candidates; `onCandidate` gets each new one once. Returns the unsubscribe. */
  watchCandidates(sessionId, onCandidate, onError) {
    return this.listen(this.candidatesRef(sessionId), 'listen to the ICE candidates', (snap) => {
      for (const change of snap.docChanges()) {
        if (change.type === 'added') onCandidate({ id: change.doc.id, ...change.doc.data() });
      }
    }, onError);
  }

  /**
   * onSnapshot() with a deadline for its first snapshot. A listener waits for the server without end, so one that
   * the server never answers (a stalled connection) would leave a call ringing in silence; after LISTEN_TIMEOUT_MS it
   * is stopped and reported as a 'timeout' StepError. Errors become StepErrors too. Returns the unsubscribe function.
   */
  listen(target, what, onNext, onError) {
    const timer = setTimeout(() => {
      unsubscribe();  // assigned below, long before this runs
      onError(new StepError('signaling', 'timeout',
        `signaling: ${what}: no snapshot from Firestore within ${LISTEN_TIMEOUT_MS / 1000} s`));
    }, LISTEN_TIMEOUT_MS);
    const unsubscribe = onSnapshot(target, (snap) => {
      clearTimeout(timer);
      onNext(snap);
    }, (e) => {
      clearTimeout(timer);
      onError(signalingError(what, e));
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }

  /** Callee, seed steps 7-8: the answer and the step OFFER_SENT -> CONNECTING, in one write. */
  answer(sessionId, answer) {
    return this.run('store answer', updateDoc(this.sessionRef(sessionId),
      { answer: { type: answer.type, sdp: answer.sdp }, state: 'CONNECTING' }));
  }

  /** CONNECTING -> CONNECTED (the caller reports it), or any state -> ENDED (hang-up, failure). */
  setState(sessionId, state) {
    return this.run(`set state ${state}`, updateDoc(this.sessionRef(sessionId), { state }));
  }

  /**
   * Seed step 13: publish one ICE candidate. Its id is "caller-N" or "callee-N" (N < 100): the rules check the
   * prefix against my role, and create-only ids cap how many candidates one side can write.
   */
  addCandidate(sessionId, candidateId, candidate, expiresAt) {
    return this.run('publish ICE candidate', setDoc(doc(this.candidatesRef(sessionId), candidateId),
      this.candidateData(candidate, expiresAt)));
  }

  /**
   * Seed step 13, several at once: `batch` is [{id, candidate}], stored in one batched write (each document is still
   * checked by the rules on its own; the write lands whole or not at all).
   */
  addCandidates(sessionId, batch, expiresAt) {
    const write = writeBatch(this.db);
    for (const { id, candidate } of batch) {
      write.set(doc(this.candidatesRef(sessionId), id), this.candidateData(candidate, expiresAt));
    }
    return this.run('publish ICE candidates', write.commit());
  }

  candidateData(candidate, expiresAt) {
    return {
      sender_id: this.user.uid,
      candidate: candidate.candidate,
      sdpMid: candidate.sdpMid ?? null,
      sdpMLineIndex: candidate.sdpMLineIndex ?? null,
      created_at: serverTimestamp(),
      expires_at: expiresAt,
    };
  }

  /**
   * After ENDED: delete the candidates and the session in one batched write, which lands whole or not at all.
   * (Deleting a document never deletes its subcollection, so the candidates go explicitly.) Resolves to the number
   * of candidates deleted.
   */
  async deleteSession(sessionId) {
    const candidates = await this.run('read ICE candidates', getDocs(this.candidatesRef(sessionId)));
    const batch = writeBatch(this.db);
    candidates.forEach((c) => batch.delete(c.ref));
    batch.delete(this.sessionRef(sessionId));
    await this.run('delete session', batch.commit());
    return candidates.size;
  }
}

/** A JS Date as a Firestore timestamp. */
export function timestamp(date) {
  return Timestamp.fromDate(date);
}
