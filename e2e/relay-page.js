// Fetches TURN credentials from the endpoint (cross-origin: needs its CORS allow-list) and opens a data channel
// between two RTCPeerConnections in this page with iceTransportPolicy "relay", so every path goes through TURN.
async function relayDataChannel(endpoint, idToken, timeoutMs) {
  const response = await fetch(endpoint, { headers: { Authorization: 'Bearer ' + idToken } });
  if (response.status !== 200) {
    throw new Error('credentials endpoint answered ' + response.status + ': ' + await response.text());
  }
  const creds = await response.json();
  const config = { iceServers: creds.iceServers, iceTransportPolicy: 'relay' };
  const a = new RTCPeerConnection(config);
  const b = new RTCPeerConnection(config);
  const candidateTypes = [];
  a.onicecandidate = e => { if (e.candidate) { candidateTypes.push(e.candidate.type); b.addIceCandidate(e.candidate); } };
  b.onicecandidate = e => { if (e.candidate) { candidateTypes.push(e.candidate.type); a.addIceCandidate(e.candidate); } };
  const received = new Promise(resolve => {
    b.ondatachannel = e => { e.channel.onmessage = m => resolve(m.data); };
  });
  const channel = a.createDataChannel('turnkit');
  const opened = new Promise((resolve, reject) => {
    channel.onopen = resolve;
    channel.onerror = reject;
  });
  const offer = await a.createOffer();
  await a.setLocalDescription(offer);
  await b.setRemoteDescription(offer);
  const answer = await b.createAnswer();
  await b.setLocalDescription(answer);
  await a.setRemoteDescription(answer);
  const timeout = new Promise((_, reject) => setTimeout(
      () => reject(new Error('data channel not open after ' + timeoutMs + ' ms; ICE state ' + a.iceConnectionState
          + ', candidates ' + JSON.stringify(candidateTypes))), timeoutMs));
  await Promise.race([opened, timeout]);
  channel.send('hello through the relay');
  const message = await Promise.race([received, timeout]);
  const stats = await a.getStats();
  let pair = null;
  stats.forEach(s => {
    if (s.type === 'transport' && s.selectedCandidatePairId) { pair = stats.get(s.selectedCandidatePairId); }
  });
  if (!pair) {
    stats.forEach(s => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') { pair = s; } });
  }
  const local = pair && stats.get(pair.localCandidateId);
  const remote = pair && stats.get(pair.remoteCandidateId);
  const result = {
    channelState: channel.readyState,
    message,
    localCandidateType: local && local.candidateType,
    remoteCandidateType: remote && remote.candidateType,
    relayProtocol: local && local.relayProtocol,
    gatheredTypes: [...new Set(candidateTypes)],
    ttl: creds.ttl,
  };
  a.close();
  b.close();
  return result;
}
