// The two ways a page can carry Parley frames: a WebSocket at /ws, and long-polling at
// /poll/* for networks that refuse WebSockets. Both look the same to connection.js: open with
// the login frame, then send(frame), close(), and the handlers onFrame(frame) and onClose().
// They know framing only; the protocol lives in connection.js and chat.js.

/** A WebSocket that has not opened after this long counts as refused (some proxies hang). */
const WEBSOCKET_OPEN_LIMIT_MS = 6000;

/**
 * Opens a WebSocket and sends `first` on it. Resolves once it is open; rejects when the
 * constructor throws, the upgrade is refused, or nothing happens within the limit, so the
 * caller can fall back to long-polling.
 */
export function openWebSocket(first, handlers) {
  return new Promise((resolve, reject) => {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    let ws;
    try {
      ws = new WebSocket(`${scheme}//${location.host}/ws`);
    } catch (e) {
      reject(e);
      return;
    }
    let open = false;
    const limit = setTimeout(() => {
      ws.close();
      reject(new Error('WebSocket did not open'));
    }, WEBSOCKET_OPEN_LIMIT_MS);
    const transport = {
      kind: 'websocket',
      send(frame) {
        if (ws.readyState === WebSocket.OPEN) {
          ws.send(JSON.stringify(frame));
        }
      },
      /** Closes, sending {@code last} first if given (a browser sends it before the close). */
      close(last) {
        if (last && ws.readyState === WebSocket.OPEN) {
          ws.send(JSON.stringify(last));
        }
        ws.close(1000);
      },
    };
    ws.onopen = () => {
      open = true;
      clearTimeout(limit);
      ws.send(JSON.stringify(first));
      resolve(transport);
    };
    ws.onmessage = (event) => {
      const frame = parse(event.data);
      if (frame) {
        handlers.onFrame(frame);
      }
    };
    ws.onclose = () => {
      clearTimeout(limit);
      if (open) {
        handlers.onClose();
      } else {
        reject(new Error('WebSocket refused'));
      }
    };
  });
}

/**
 * Opens a long-polling session with `first` (POST /poll/open). Resolves with the transport;
 * the frames that came with the answer (the welcome, or an error) are handed to onFrame just
 * after, so the caller has taken the transport first.
 */
export async function openPoll(first, handlers) {
  const response = await fetch('/poll/open', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(first),
    cache: 'no-store',
  });
  if (!response.ok) {
    throw new Error(`poll open answered ${response.status}`);
  }
  const opened = await response.json();
  const transport = new PollTransport(opened.sid, handlers);
  setTimeout(() => {
    for (const frame of opened.frames) {
      if (!transport.closed) {
        handlers.onFrame(frame);
      }
    }
    transport.receive();
  }, 0);
  return transport;
}

/**
 * One long-polling session: a loop of GET /poll/recv (each waits up to 25 s), and POST
 * /poll/send with the frames queued meanwhile, one request at a time so the server gets them
 * in order. Any failure (a network error, 404 for a session the server closed) ends it.
 */
class PollTransport {
  constructor(sid, handlers) {
    this.kind = 'poll';
    this.sid = sid;
    this.handlers = handlers;
    this.queue = [];
    this.sending = false;
    this.closed = false;
    this.abort = new AbortController();
    // A page that goes away says bye, so the server frees a guest's name at once instead of
    // after the 60 s a silent poll session is given.
    this.onPageHide = () => this.close();
    addEventListener('pagehide', this.onPageHide);
  }

  headers() {
    return { Authorization: `Bearer ${this.sid}`, 'Content-Type': 'application/json' };
  }

  async receive() {
    while (!this.closed) {
      let frames;
      try {
        const response = await fetch('/poll/recv', {
          headers: this.headers(),
          cache: 'no-store',
          signal: this.abort.signal,
        });
        if (response.status !== 200) {
          throw new Error(`poll recv answered ${response.status}`);
        }
        frames = await response.json();
      } catch (e) {
        this.fail();
        return;
      }
      for (const frame of frames) {
        if (this.closed) {
          return;
        }
        this.handlers.onFrame(frame);
      }
    }
  }

  send(frame) {
    if (this.closed) {
      return;
    }
    this.queue.push(frame);
    if (!this.sending) {
      this.flush();
    }
  }

  async flush() {
    this.sending = true;
    while (this.queue.length > 0 && !this.closed) {
      const batch = this.queue.splice(0);
      try {
        const response = await fetch('/poll/send', {
          method: 'POST',
          headers: this.headers(),
          body: JSON.stringify(batch),
          signal: this.abort.signal,
        });
        if (response.status !== 204) {
          throw new Error(`poll send answered ${response.status}`);
        }
      } catch (e) {
        this.fail();
        return;
      }
    }
    this.sending = false;
  }

  /**
   * Closed by the page: tells the server with {@code last} (a logout) or a bye, in a request
   * that outlives the page (keepalive), then stops.
   */
  close(last = { type: 'bye' }) {
    if (this.closed) {
      return;
    }
    this.shutDown();
    fetch('/poll/send', {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify([last]),
      keepalive: true,
    }).catch(() => {});
  }

  /** Lost: the server closed the session or cannot be reached. */
  fail() {
    if (this.closed) {
      return;
    }
    this.shutDown();
    this.handlers.onClose();
  }

  shutDown() {
    this.closed = true;
    this.abort.abort();
    removeEventListener('pagehide', this.onPageHide);
  }
}

function parse(text) {
  try {
    const frame = JSON.parse(text);
    return frame && typeof frame === 'object' && typeof frame.type === 'string' ? frame : null;
  } catch (e) {
    return null;
  }
}
