// backend.js: every network call the sample makes, with no dependencies.
//
//   loadConfig()        where everything is (served by `turnkit local up` as /config.json)
//   signIn()            Firebase Auth (email + password) over its REST API
//   fetchIceServers()   short-lived TURN credentials from the turnkit credentials endpoint
//   Signaling           webrtc_sessions/{id} and its ice_candidates, over the Firestore REST API,
//                       under the project's firestore.rules
//
// Two rules hold for every call below, and an app should keep both:
//   1. Every request has a deadline (AbortController): nothing waits forever.
//   2. Every failure becomes a StepError that says which step failed and why, in words a user can act on.

/** How long any single request may take before we give up on it. */
export const REQUEST_TIMEOUT_MS = 8000;

/**
 * A failed step of the call flow.
 *   step: 'config' | 'auth' | 'credentials' | 'signaling' | 'media' | 'ice'
 *   kind: 'denied' (rules said no) | 'refused' (credentials endpoint said no) | 'unreachable' | 'timeout'
 *         | 'rate-limited' | 'not-found' | 'invalid' | 'failed'
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

/**
 * fetch() with a deadline. Resolves to {status, body} (body parsed as JSON when it is JSON);
 * rejects with a StepError of kind 'timeout' or 'unreachable' when no HTTP answer arrives.
 */
async function request(step, url, { method = 'GET', headers = {}, body, timeoutMs = REQUEST_TIMEOUT_MS } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const where = new URL(url).origin;
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      cache: 'no-store',
    });
    // Reading the body is covered by the same deadline.
    const text = await response.text();
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

/** The error text a Google-style API or the credentials endpoint put in its body, if any. */
function serverMessage(body) {
  if (body && typeof body === 'object') {
    if (body.error && typeof body.error === 'object') return body.error.message || body.error.status || '';
    if (typeof body.error === 'string') return body.message ? `${body.error}: ${body.message}` : body.error;
  }
  return typeof body === 'string' ? body.slice(0, 200) : '';
}

// ---------------------------------------------------------------------------------------------------------------
// Config

/**
 * The page's settings: {projectId, authEmulatorUrl, firestoreEmulatorUrl, credentialsUrl}.
 * `turnkit local up` serves them as /config.json next to this page; a production app would bake in its
 * Firebase config instead (and talk to the real Auth and Firestore endpoints, see docs/sample-app.md).
 */
export async function loadConfig() {
  const { status, body } = await request('config', new URL('config.json', document.baseURI).href);
  if (status !== 200 || !body || typeof body !== 'object') {
    throw new StepError('config', 'failed', `config: /config.json answered ${status}; is turnkit local up running?`);
  }
  for (const key of ['projectId', 'authEmulatorUrl', 'credentialsUrl']) {
    if (typeof body[key] !== 'string' || !body[key]) {
      throw new StepError('config', 'invalid', `config: /config.json has no "${key}"`);
    }
  }
  if (!body.firestoreEmulatorUrl) {
    throw new StepError('config', 'invalid',
      'config: no Firestore emulator in this local stack (install google-cloud-cli-firestore-emulator)');
  }
  return body;
}

// ---------------------------------------------------------------------------------------------------------------
// Sign-in: Firebase Auth REST API (identitytoolkit v1), here on the Auth emulator.

// The emulator accepts any API key; a real project uses its web API key.
const API_KEY = 'fake-api-key';

/**
 * Signs in with email + password, creating the account on first use.
 * Resolves to {uid, email, idToken}: the ID token is what Firestore rules and the credentials endpoint check.
 */
export async function signIn(config, email, password) {
  const base = `${config.authEmulatorUrl}/identitytoolkit.googleapis.com/v1/accounts`;
  const credentials = { email, password, returnSecureToken: true };
  let { status, body } = await request('auth', `${base}:signInWithPassword?key=${API_KEY}`,
    { method: 'POST', body: credentials });
  if (status === 400 && serverMessage(body).startsWith('EMAIL_NOT_FOUND')) {
    ({ status, body } = await request('auth', `${base}:signUp?key=${API_KEY}`, { method: 'POST', body: credentials }));
  }
  if (status !== 200) {
    // e.g. INVALID_PASSWORD, WEAK_PASSWORD : Password should be at least 6 characters, INVALID_EMAIL
    throw new StepError('auth', 'refused', `sign-in refused (${status}): ${serverMessage(body)}`, status);
  }
  return { uid: body.localId, email: body.email, idToken: body.idToken };
}

// ---------------------------------------------------------------------------------------------------------------
// TURN credentials: the turnkit endpoint mints coturn REST credentials for the signed-in user only.

/**
 * GET {credentialsUrl} with the ID token. Resolves to {iceServers, ttl}: iceServers is a ready-to-use
 * RTCIceServer[] (stun:, turn: udp/tcp, turns:). The username inside is "<expiry>:<uid>", so the credentials
 * expire by themselves: refetch before `ttl` runs out and apply them with pc.setConfiguration().
 */
export async function fetchIceServers(config, user) {
  const { status, body } = await request('credentials', config.credentialsUrl,
    { headers: { Authorization: `Bearer ${user.idToken}` } });
  if (status === 401 || status === 403) {
    throw new StepError('credentials', 'refused',
      `credentials refused (${status}): ${serverMessage(body) || 'the endpoint did not accept this sign-in'}`, status);
  }
  if (status === 429) {
    throw new StepError('credentials', 'rate-limited', `credentials: too many requests (429), try again later`, 429);
  }
  if (status !== 200 || !body || !Array.isArray(body.iceServers) || body.iceServers.length === 0) {
    throw new StepError('credentials', 'failed',
      `credentials endpoint answered ${status} without iceServers: ${serverMessage(body)}`, status);
  }
  return { iceServers: body.iceServers, ttl: body.ttl };
}

// ---------------------------------------------------------------------------------------------------------------
// Signaling: Firestore REST API. Documents are JSON with typed values ({stringValue: "…"}, …).

/** A plain JS value as a Firestore REST Value. */
function toValue(v) {
  if (v === null || v === undefined) return { nullValue: null };
  if (v instanceof Date) return { timestampValue: v.toISOString() };
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { booleanValue: v };
  if (Number.isInteger(v)) return { integerValue: String(v) };
  if (typeof v === 'number') return { doubleValue: v };
  return { mapValue: { fields: toFields(v) } };
}

function toFields(object) {
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, toValue(v)]));
}

/** A Firestore REST Value as a plain JS value (timestamps become Date). */
function fromValue(v) {
  if ('nullValue' in v) return null;
  if ('stringValue' in v) return v.stringValue;
  if ('booleanValue' in v) return v.booleanValue;
  if ('integerValue' in v) return Number(v.integerValue);
  if ('doubleValue' in v) return v.doubleValue;
  if ('timestampValue' in v) return new Date(v.timestampValue);
  if ('mapValue' in v) return fromFields(v.mapValue.fields || {});
  if ('arrayValue' in v) return (v.arrayValue.values || []).map(fromValue);
  return undefined;
}

function fromFields(fields) {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, fromValue(v)]));
}

/** The last path segment of a document name: ".../ice_candidates/caller-0" -> "caller-0". */
function docId(name) {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** A random document id like the Firestore SDKs make (20 characters, ~119 bits). */
export function newSessionId() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * The signaling store of one signed-in user. Data model (docs/signaling-data-model.md):
 *
 *   webrtc_sessions/{sessionId}
 *     caller_id, callee_id         uids; the rules let only these two read or change the session
 *     offer, answer                {type, sdp} or null; written once each
 *     state                        IDLE -> OFFER_SENT -> CONNECTING -> CONNECTED -> ENDED
 *     created_at                   server time (the rules demand request.time)
 *     expires_at                   at most 2 h ahead; TTL policy deletes it, the rules hide it once past
 *   webrtc_sessions/{sessionId}/ice_candidates/{caller-N | callee-N}
 *     sender_id, candidate, sdpMid, sdpMLineIndex, created_at, expires_at (= the session's)
 */
export class Signaling {
  constructor(config, user) {
    this.user = user;
    this.database = `projects/${config.projectId}/databases/(default)`;
    this.base = `${config.firestoreEmulatorUrl}/v1/${this.database}/documents`;
  }

  sessionName(sessionId) {
    return `${this.database}/documents/webrtc_sessions/${sessionId}`;
  }

  /** One authenticated Firestore request; a rules denial becomes StepError kind 'denied'. */
  async call(what, url, options = {}) {
    const { status, body } = await request('signaling', url,
      { ...options, headers: { Authorization: `Bearer ${this.user.idToken}` } });
    if (status === 200) return body;
    if (status === 403) {
      throw new StepError('signaling', 'denied',
        `signaling denied by firestore.rules (403) on ${what}: ${serverMessage(body)}`, 403);
    }
    if (status === 404) {
      throw new StepError('signaling', 'not-found', `signaling: ${what} not found (404)`, 404);
    }
    throw new StepError('signaling', 'failed', `signaling: ${what} failed (${status}): ${serverMessage(body)}`, status);
  }

  /**
   * Writes documents atomically, each only if it does not exist yet, with created_at set to the server's
   * request time (a "transform": a REST client cannot know request.time, and the rules compare against it).
   */
  async createDocuments(what, docs) {
    await this.call(what, `${this.base}:commit`, {
      method: 'POST',
      body: {
        writes: docs.map(({ name, fields }) => ({
          update: { name, fields: toFields(fields) },
          currentDocument: { exists: false },
          updateTransforms: [{ fieldPath: 'created_at', setToServerValue: 'REQUEST_TIME' }],
        })),
      },
    });
  }

  /** Caller, seed steps 3-4: the session is born with the offer in it (state OFFER_SENT). */
  async createSession(sessionId, { calleeId, offer, expiresAt }) {
    await this.createDocuments('create session', [{
      name: this.sessionName(sessionId),
      fields: {
        caller_id: this.user.uid,
        callee_id: calleeId,
        offer: { type: offer.type, sdp: offer.sdp },
        answer: null,
        state: 'OFFER_SENT',
        expires_at: expiresAt,
      },
    }]);
  }

  /** The session as a plain object, e.g. {caller_id, callee_id, offer, answer, state, created_at, expires_at}. */
  async getSession(sessionId) {
    const doc = await this.call('read session', `${this.base}/webrtc_sessions/${sessionId}`);
    return { id: sessionId, ...fromFields(doc.fields || {}) };
  }

  /**
   * Callee, seed step 5 ("notify callee"): sessions that call me and wait for an answer. The query must
   * constrain callee_id to my uid, otherwise the rules (list: only participants) reject the whole query.
   * Expired sessions may linger until the TTL policy deletes them, so they are filtered out here.
   */
  async incomingCalls() {
    const eq = (field, value) => ({ fieldFilter: { field: { fieldPath: field }, op: 'EQUAL', value: toValue(value) } });
    const rows = await this.call('list incoming calls', `${this.base}:runQuery`, {
      method: 'POST',
      body: {
        structuredQuery: {
          from: [{ collectionId: 'webrtc_sessions' }],
          where: {
            compositeFilter: { op: 'AND', filters: [eq('callee_id', this.user.uid), eq('state', 'OFFER_SENT')] },
          },
          limit: 20,
        },
      },
    });
    const now = Date.now();
    return rows.filter((row) => row.document)
      .map((row) => ({ id: docId(row.document.name), ...fromFields(row.document.fields) }))
      .filter((session) => session.expires_at > now);
  }

  /** Changes the named fields only (the rules allow exactly one state step per write). */
  async update(what, sessionId, fields) {
    const mask = Object.keys(fields).map((f) => `updateMask.fieldPaths=${f}`).join('&');
    await this.call(what, `${this.base}/webrtc_sessions/${sessionId}?${mask}&currentDocument.exists=true`, {
      method: 'PATCH',
      body: { fields: toFields(fields) },
    });
  }

  /** Callee, seed steps 7-8: store the answer; OFFER_SENT -> CONNECTING. */
  answer(sessionId, answer) {
    return this.update('store answer', sessionId,
      { answer: { type: answer.type, sdp: answer.sdp }, state: 'CONNECTING' });
  }

  /** CONNECTING -> CONNECTED (the caller reports it), or any state -> ENDED (hang-up, failure). */
  setState(sessionId, state) {
    return this.update(`set state ${state}`, sessionId, { state });
  }

  /**
   * Seed step 13: publish one ICE candidate. Its id is "caller-N" or "callee-N" (N < 100): the rules check
   * the prefix against my role, and create-only ids cap how many candidates one side can write.
   */
  async addCandidate(sessionId, candidateId, candidate, expiresAt) {
    await this.createDocuments('publish ICE candidate', [{
      name: `${this.sessionName(sessionId)}/ice_candidates/${candidateId}`,
      fields: {
        sender_id: this.user.uid,
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid ?? null,
        sdpMLineIndex: candidate.sdpMLineIndex ?? null,
        expires_at: expiresAt,
      },
    }]);
  }

  /** Seed step 14: all candidates of the session (both sides), each with its id. */
  async listCandidates(sessionId) {
    const body = await this.call('read ICE candidates',
      `${this.base}/webrtc_sessions/${sessionId}/ice_candidates?pageSize=300`);
    return (body.documents || []).map((doc) => ({ id: docId(doc.name), name: doc.name, ...fromFields(doc.fields) }));
  }

  /**
   * After ENDED: delete the candidates and the session in one atomic commit. (Deleting a document never
   * deletes its subcollection, so the candidates go explicitly.) Resolves to the number of candidates deleted.
   */
  async deleteSession(sessionId) {
    const candidates = await this.listCandidates(sessionId);
    await this.call('delete session', `${this.base}:commit`, {
      method: 'POST',
      body: { writes: [...candidates.map((c) => ({ delete: c.name })), { delete: this.sessionName(sessionId) }] },
    });
    return candidates.length;
  }
}
