// One logged-in link to the server that keeps itself alive: it logs in on a WebSocket (or
// long-polling when WebSockets are refused), pings at welcome.heartbeat, answers the server's
// pings, notices silence, and after any loss reconnects with exponential backoff and jitter.
// What to resume after a reconnect (rooms, unacked sends) is chat.js's business: it hears
// every welcome.

import { openPoll, openWebSocket } from './transports.js';

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 30000;
/** No welcome (or refusal) this long after opening: the attempt is abandoned. */
const LOGIN_LIMIT_MS = 40000;
/**
 * After a WebSocket failed where long-polling worked, WebSockets are skipped this long: a
 * network that refuses them goes on refusing, and each try costs time (up to the open limit
 * when a proxy swallows the upgrade). Not for ever, as the failure may have been a fluke of
 * the moment the server came back.
 */
const POLL_ONLY_MS = 10 * 60 * 1000;

export class Connection {
  /**
   * @param login () => the hello or register frame to open with
   * @param onFrame (frame) => void, for every frame after login except ping, pong and bye
   * @param onWelcome (welcome) => void
   * @param onRefused (error) => 'retry' | 'stop': what to do when the login is refused
   * @param onState (connection) => void, whenever state, transport or retryAt change
   */
  constructor({ login, onFrame, onWelcome, onRefused, onState }) {
    Object.assign(this, { login, onFrame, onWelcome, onRefused, onState });
    /** 'connecting' | 'online' | 'waiting' (for a retry) | 'stopped' */
    this.state = 'stopped';
    this.transport = null; // the open transport, once the attempt has one
    this.attempt = null; // identity of the current attempt: late events of older ones are ignored
    this.failures = 0; // attempts in a row that did not reach a welcome
    this.retryAt = 0;
    this.retryTimer = null;
    this.pollOnlyUntil = 0; // WebSockets failed where long-polling worked: skipped until then
    this.heartbeatMs = 30000;
    this.lastSent = 0;
    this.lastReceived = 0;
    this.ticker = null;
    addEventListener('online', () => this.retryNow());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        this.retryNow();
      }
    });
  }

  start() {
    if (this.state === 'stopped') {
      this.failures = 0;
      this.connect();
    }
  }

  /** Closes for good (logging out): no reconnect; {@code last} is sent first, if given. */
  stop(last) {
    this.setState('stopped');
    this.attempt = null;
    this.dropTransport(last);
    clearTimeout(this.retryTimer);
  }

  /** Skips the wait before the next attempt. */
  retryNow() {
    if (this.state === 'waiting') {
      clearTimeout(this.retryTimer);
      this.connect();
    }
  }

  /** Hands a frame to the server if logged in; returns whether it was. */
  send(frame) {
    if (this.state !== 'online') {
      return false;
    }
    this.transport.send(frame);
    this.lastSent = Date.now();
    return true;
  }

  get transportKind() {
    return this.transport ? this.transport.kind : null;
  }

  async connect() {
    const attempt = {};
    this.attempt = attempt;
    this.setState('connecting');
    const handlers = {
      onFrame: (frame) => attempt === this.attempt && this.received(frame),
      onClose: () => attempt === this.attempt && this.lost(),
    };
    const first = this.login();
    let transport = null;
    let webSocketFailed = false;
    try {
      if (Date.now() >= this.pollOnlyUntil) {
        try {
          transport = await openWebSocket(first, handlers);
        } catch (e) {
          webSocketFailed = true;
        }
      }
      if (!transport && attempt === this.attempt) {
        transport = await openPoll(first, handlers);
        if (webSocketFailed) {
          this.pollOnlyUntil = Date.now() + POLL_ONLY_MS;
        }
      }
    } catch (e) {
      // Neither transport reached the server.
    }
    if (attempt !== this.attempt) {
      transport?.close();
      return;
    }
    if (!transport) {
      this.lost();
      return;
    }
    this.transport = transport;
    this.loggedIn = false;
    this.lastReceived = Date.now();
    this.lastSent = Date.now();
    clearInterval(this.ticker);
    this.ticker = setInterval(() => this.tick(), 1000);
    this.setState('connecting');
  }

  received(frame) {
    this.lastReceived = Date.now();
    switch (frame.type) {
      case 'ping':
        this.transport.send(frame.ref === undefined ? { type: 'pong' } : { type: 'pong', ref: frame.ref });
        this.lastSent = Date.now();
        return;
      case 'pong':
        return;
      case 'bye':
        // The server closes next; not waiting for that makes a restart's reconnect prompt.
        this.lost();
        return;
    }
    if (!this.loggedIn) {
      this.loginAnswered(frame);
      return;
    }
    this.onFrame(frame);
  }

  loginAnswered(frame) {
    if (frame.type === 'welcome') {
      this.loggedIn = true;
      this.failures = 0;
      this.heartbeatMs = Math.max(1, frame.heartbeat || 30) * 1000;
      this.setState('online');
      this.onWelcome(frame);
    } else if (frame.type === 'error') {
      const next = this.onRefused(frame);
      if (next === 'stop') {
        this.stop();
      } else {
        this.lost();
      }
    }
  }

  /** Once a second: our own ping after a heartbeat of silence; silence from the server ends it. */
  tick() {
    const now = Date.now();
    if (!this.loggedIn) {
      if (now - this.lastReceived > LOGIN_LIMIT_MS) {
        this.lost();
      }
      return;
    }
    if (now - this.lastSent >= this.heartbeatMs) {
      this.send({ type: 'ping' });
    }
    // Our pings are answered within a heartbeat; two more of silence mean the link is dead
    // even if the socket has not noticed (a laptop waking up, a dropped network).
    if (now - this.lastReceived > 3 * this.heartbeatMs) {
      this.lost();
    }
  }

  lost() {
    if (this.state === 'stopped') {
      return;
    }
    this.attempt = null;
    this.dropTransport();
    this.failures += 1;
    // Exponential steps with jitter (half fixed, half random), so a restarted server is not
    // hit by every page in the same instant.
    const step = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(this.failures - 1, 10));
    const delay = Math.round(step / 2 + (Math.random() * step) / 2);
    this.retryAt = Date.now() + delay;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
    this.setState('waiting');
  }

  dropTransport(last) {
    clearInterval(this.ticker);
    this.ticker = null;
    const transport = this.transport;
    const online = this.loggedIn;
    this.transport = null;
    this.loggedIn = false;
    transport?.close(online ? last : undefined);
  }

  setState(state) {
    this.state = state;
    this.onState(this);
  }
}
