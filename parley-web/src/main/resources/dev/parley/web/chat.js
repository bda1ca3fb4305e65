// The chat as the page knows it: rooms, their messages and members, unread counts, and the
// outbox of sends the server has not acknowledged. It speaks the protocol (docs/protocol.md)
// through a send function and never touches the page; view.js draws what is here.
//
// The guarantees come from three habits: every room keeps the highest id it has (after a
// reconnect it rejoins with since = that id), messages are kept by id (a replay that overlaps
// adds nothing), and an unacked send stays in the outbox and goes again, with its ref, after
// every welcome (the server answers a repeated ref with the original ack and stores nothing).

import { UserMemory } from './saved.js';
import { dmName, hasOlder, insertionPoint, newRoom } from './rooms.js';

const ROOM_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** "Lobby" and "lobby" are one room, which the server names in lower case. */
function roomSpelling(name) {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
const MAX_TEXT = 4096;
const HISTORY_PAGE = 50;
/** Errors after which an unacked send is worth sending again, and how often. */
const RETRIED = new Set(['rate_limited', 'internal']);
const MAX_TRIES = 5;

export class Chat {
  /**
   * @param send (frame) => boolean: hands a frame to the server if online
   * @param changed () => void: the state changed, redraw
   * @param notice (text) => void: something to tell the user once
   */
  constructor({ send, changed, notice }) {
    Object.assign(this, { send, changed, notice });
    this.reset(null, false);
  }

  /** Forgets everything: a new (or no) user. */
  reset(me, guest) {
    this.me = me;
    this.guest = guest;
    this.memory = me ? new UserMemory(me, guest) : null;
    this.rooms = new Map(); // name -> room, see newRoom
    this.active = null;
    this.outbox = new Map(); // ref -> {ref, room, frame, text, state, error, tries, ackedId}
    this.publicRooms = []; // the last `rooms` answer
    this.requests = new Map(); // ref of a join or history -> {kind, room}
    this.readMarks = this.memory ? this.memory.readMarks() : {};
    this.counter = 0;
    this.session = randomHex(6); // refs are unique per user forever: the server remembers them
  }

  nextRef(kind) {
    this.counter += 1;
    return `${kind}-${this.session}-${this.counter}`;
  }

  // ---- logging in and resuming -------------------------------------------------------------

  /** After every welcome: (re)join every room from the highest id held, resend the outbox. */
  welcomed(welcome, guest) {
    if (!this.me || this.me.toLowerCase() !== welcome.user.toLowerCase() || this.guest !== guest) {
      this.reset(welcome.user, guest);
      const rooms = this.memory.rooms();
      for (const name of rooms ?? ['lobby']) {
        this.room(roomSpelling(name)); // rooms saved before names were folded
      }
    }
    this.me = welcome.user;
    for (const dm of welcome.dms ?? []) {
      const room = this.room(dm.room);
      room.last = Math.max(room.last, dm.last);
      if (!(dm.room in this.readMarks) && room.maxId === 0) {
        room.read = dm.last; // a new device: old conversations are not news
      }
    }
    this.requests.clear();
    for (const room of this.rooms.values()) {
      room.loadingOlder = false;
      if (!room.dm || room.last > room.maxId) {
        this.sendJoin(room);
      }
    }
    for (const entry of this.outbox.values()) {
      if (entry.ackedId !== undefined) {
        this.outbox.delete(entry.ref); // stored; the rejoin brings its msg if it was missed
      } else if (entry.state === 'sending') {
        this.send(entry.frame);
      }
    }
    this.send({ type: 'rooms' });
    if (!this.active || !this.rooms.has(this.active)) {
      const remembered = this.memory.active();
      this.select(this.rooms.has(remembered) ? remembered : this.rooms.keys().next().value ?? null);
    }
    this.changed();
  }

  sendJoin(room) {
    const ref = this.nextRef('j');
    this.requests.set(ref, { kind: 'join', room: room.name });
    const frame = { type: 'join', room: room.name, ref };
    if (room.joinedOnce || room.maxId > 0) {
      frame.since = room.maxId; // resume: everything after what we hold, nothing twice
    }
    this.send(frame);
  }

  // ---- frames from the server --------------------------------------------------------------

  handle(frame) {
    switch (frame.type) {
      case 'joined':
        return this.onJoined(frame);
      case 'msg':
        return this.onMsg(frame);
      case 'ack':
        return this.onAck(frame);
      case 'history':
        return this.onHistory(frame);
      case 'presence':
        return this.onPresence(frame);
      case 'rooms':
        this.publicRooms = Array.isArray(frame.rooms) ? frame.rooms : [];
        return this.changed();
      case 'who':
        if (this.rooms.has(frame.room)) {
          this.rooms.get(frame.room).members = new Set(frame.members);
          this.changed();
        }
        return;
      case 'left':
        return this.forget(frame.room);
      case 'error':
        return this.onError(frame);
      default:
        return; // frames a later server may add
    }
  }

  onJoined(frame) {
    this.requests.delete(frame.ref);
    const room = this.room(frame.room);
    room.members = new Set(frame.members);
    room.last = Math.max(room.last, frame.last);
    room.replayUntil = frame.last;
    if (!room.joinedOnce && !(room.name in this.readMarks)) {
      room.read = frame.last; // what was said before we first came is not unread
    }
    room.joinedOnce = true;
    if (frame.truncated) {
      // More than the replay limit was missed: keep only the replay, so the list has no hole;
      // scrolling up pages back through the rest.
      room.messages = [];
      room.ids.clear();
    }
    this.saveRooms();
    this.changed();
  }

  onMsg(msg) {
    const room = this.room(msg.room);
    if (room.ids.has(msg.id)) {
      return; // a replay overlapping what we have
    }
    room.ids.add(msg.id);
    const list = room.messages;
    if (list.length === 0 || list[list.length - 1].id < msg.id) {
      list.push(msg);
    } else {
      list.splice(insertionPoint(list, msg.id), 0, msg);
    }
    room.maxId = Math.max(room.maxId, msg.id);
    room.last = Math.max(room.last, msg.id);
    for (const entry of this.outbox.values()) {
      if (entry.ackedId === msg.id && entry.room === msg.room) {
        this.outbox.delete(entry.ref);
      }
    }
    if (msg.id > room.read) {
      if (this.isSeen(room) || this.isMine(msg)) {
        this.markRead(room);
      } else {
        room.unread += 1;
      }
    }
    this.changed();
  }

  onAck(ack) {
    const entry = this.outbox.get(ack.ref);
    if (!entry) {
      return;
    }
    if (entry.room !== ack.room) {
      // A first private message: the server named the conversation.
      this.rename(entry.room, ack.room);
    }
    const room = this.room(ack.room);
    if (room.ids.has(ack.id)) {
      this.outbox.delete(ack.ref); // a resend answered with the original ack
    } else {
      entry.ackedId = ack.id; // its msg follows; until then it stays drawn where it was
      entry.room = ack.room;
    }
    this.changed();
  }

  onHistory(frame) {
    const request = this.requests.get(frame.ref);
    this.requests.delete(frame.ref);
    const room = this.rooms.get(frame.room);
    if (!request || !room) {
      return;
    }
    room.loadingOlder = false;
    const older = frame.messages.filter((m) => !room.ids.has(m.id));
    older.forEach((m) => room.ids.add(m.id));
    room.messages = older.concat(room.messages).sort((a, b) => a.id - b.id);
    this.changed();
  }

  onPresence(frame) {
    const room = this.rooms.get(frame.room);
    if (!room) {
      return;
    }
    if (frame.event === 'join') {
      room.members.add(frame.user);
    } else if (frame.event === 'leave') {
      room.members.delete(frame.user);
    }
    this.changed();
  }

  onError(frame) {
    const entry = frame.ref !== undefined ? this.outbox.get(frame.ref) : undefined;
    const request = frame.ref !== undefined ? this.requests.get(frame.ref) : undefined;
    if (entry) {
      entry.tries += 1;
      if (RETRIED.has(frame.code) && entry.tries < MAX_TRIES) {
        setTimeout(() => entry.state === 'sending' && this.send(entry.frame), 1000 * entry.tries);
      } else {
        entry.state = 'failed';
        entry.error = frame.message || frame.code;
      }
    } else if (request) {
      this.requests.delete(frame.ref);
      const room = this.rooms.get(request.room);
      if (request.kind === 'history' && room) {
        room.loadingOlder = false;
      } else if (request.kind === 'join' && room && !room.joinedOnce) {
        this.forget(request.room);
        this.notice(`Could not join ${request.room}: ${frame.message || frame.code}`);
      }
    } else {
      this.notice(frame.message || frame.code);
    }
    this.changed();
  }

  // ---- what the user does ------------------------------------------------------------------

  /** Joins a room by name or number ("#lobby" and "lobby" alike); returns an error or null. */
  join(input) {
    const typed = input.trim().replace(/^#/, '');
    if (!ROOM_NAME.test(typed)) {
      return 'A room name is 1–64 letters, digits, "_", "-" or ".", such as lobby or 1001.';
    }
    const name = roomSpelling(typed);
    if (!this.rooms.has(name)) {
      this.sendJoin(this.room(name));
      this.saveRooms();
    }
    this.select(name);
    return null;
  }

  leave(name) {
    const room = this.rooms.get(name);
    if (!room || room.dm) {
      return;
    }
    this.send({ type: 'leave', room: name });
    this.forget(name);
  }

  /** Opens the private conversation with `user` (created by the first message). */
  openDm(user) {
    if (this.guest) {
      return 'Guests cannot send private messages. Register to use them.';
    }
    const name = dmName(this.me, user);
    this.room(name);
    this.select(name);
    return null;
  }

  /** Sends `text` to the open room; returns an error or null. Sent later if offline. */
  say(text) {
    const room = this.rooms.get(this.active);
    const trimmed = text.replace(/\r/g, '');
    if (!room || trimmed.trim() === '') {
      return null;
    }
    if ([...trimmed].length > MAX_TEXT) {
      return `A message is at most ${MAX_TEXT} characters.`;
    }
    const ref = this.nextRef('m');
    const frame = room.dm
      ? { type: 'dm', to: room.peer, text: trimmed, ref }
      : { type: 'send', room: room.name, text: trimmed, ref };
    this.outbox.set(ref, { ref, room: room.name, frame, text: trimmed, state: 'sending', tries: 0 });
    this.send(frame);
    this.markRead(room);
    this.changed();
    return null;
  }

  retry(ref) {
    const entry = this.outbox.get(ref);
    if (entry) {
      Object.assign(entry, { state: 'sending', error: null, tries: 0 });
      this.send(entry.frame);
      this.changed();
    }
  }

  discard(ref) {
    this.outbox.delete(ref);
    this.changed();
  }

  /** Asks for the page of messages before the oldest one held, unless it is all here. */
  loadOlder(name) {
    const room = this.rooms.get(name);
    // While a join's replay streams in, the oldest message held is not yet the oldest the
    // replay brings: asking now would fetch what is on its way.
    if (!room || room.loadingOlder || !hasOlder(room) || room.maxId < room.replayUntil) {
      return;
    }
    const ref = this.nextRef('h');
    const frame = { type: 'history', room: name, before: room.messages[0].id, limit: HISTORY_PAGE, ref };
    if (this.send(frame)) {
      this.requests.set(ref, { kind: 'history', room: name });
      room.loadingOlder = true;
      this.changed();
    }
  }

  select(name) {
    this.active = name;
    if (name && this.memory) {
      this.memory.setActive(name);
    }
    const room = this.rooms.get(name);
    if (room) {
      this.markRead(room);
    }
    this.changed();
  }

  /** The page became visible again: the open room's news has been seen. */
  seen() {
    const room = this.rooms.get(this.active);
    if (room && room.unread > 0) {
      this.markRead(room);
      this.changed();
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  room(name) {
    let room = this.rooms.get(name);
    if (!room) {
      room = newRoom(name, this.me);
      room.read = this.readMarks[name] ?? 0;
      this.rooms.set(name, room);
    }
    return room;
  }

  rename(from, to) {
    const room = this.rooms.get(from);
    if (room && !this.rooms.has(to)) {
      this.rooms.delete(from);
      room.name = to;
      this.rooms.set(to, room);
      if (this.active === from) {
        this.select(to);
      }
    }
  }

  forget(name) {
    this.rooms.delete(name);
    for (const entry of this.outbox.values()) {
      if (entry.room === name) {
        this.outbox.delete(entry.ref);
      }
    }
    this.saveRooms();
    if (this.active === name) {
      this.select([...this.rooms.keys()][0] ?? null);
    }
    this.changed();
  }

  isSeen(room) {
    return room.name === this.active && document.visibilityState === 'visible';
  }

  isMine(msg) {
    return this.me !== null && msg.from.toLowerCase() === this.me.toLowerCase();
  }

  markRead(room) {
    room.unread = 0;
    if (room.maxId > room.read) {
      room.read = room.maxId;
      this.readMarks[room.name] = room.maxId;
      this.memory?.setReadMarks(this.readMarks);
    }
  }

  saveRooms() {
    this.memory?.setRooms([...this.rooms.values()].filter((r) => !r.dm).map((r) => r.name));
  }

  /** Unacked sends of one room, oldest first. */
  pendingIn(name) {
    return [...this.outbox.values()].filter((e) => e.room === name);
  }
}

function randomHex(bytes) {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(values, (v) => v.toString(16).padStart(2, '0')).join('');
}
