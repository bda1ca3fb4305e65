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
/** Typing is sent at most this often while the user types, and shown this long after the last. */
export const TYPING_EVERY_MS = 3000;
export const TYPING_SHOWN_MS = 5000;
/** A jump to a search result loads this many messages around it, in pages of the largest size. */
const CONTEXT = 25;
const JUMP_PAGE = 200;

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
    this.requests = new Map(); // ref of a join, history, edit, delete, topic or search -> {kind, room}
    this.searching = null; // {room, query, ref, state: 'loading'|'done'|'failed', results, error}
    this.jump = null; // {room, id, seq}: a message to scroll to and highlight, once loaded
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
      if (typeof dm.read === 'number') {
        this.advanceRead(room, Math.min(dm.read, dm.last)); // the user's mark, on every device
      } else if (!(dm.room in this.readMarks) && room.maxId === 0) {
        room.read = dm.last; // a server without read marks, a new device: old is not news
      }
    }
    this.requests.clear();
    for (const room of this.rooms.values()) {
      room.loadingOlder = false;
      room.joinedNow = false;
      room.jumpTo = 0;
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
      case 'typing':
        return this.onTyping(frame);
      case 'read':
        return this.onRead(frame);
      case 'topic':
        return this.onTopic(frame);
      case 'search':
        return this.onSearch(frame);
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
    room.owners = new Set(Array.isArray(frame.owners) ? frame.owners : []);
    room.topic = typeof frame.topic === 'string' ? frame.topic : '';
    room.read = Math.min(room.read, frame.last); // a mark beyond the room's end: the room is new
    room.joinedNow = true;
    const stored = typeof frame.read === 'number' ? frame.read : 0;
    if (!room.joinedOnce && stored === 0 && !(room.name in this.readMarks)) {
      // What was said before the user first came is not news; the server keeps that too, so
      // every device counts from the same mark.
      this.advanceRead(room, frame.last);
      this.sendRead(room, frame.last);
    } else if (room.read > stored) {
      this.sendRead(room, room.read); // marked here while the server did not hear it
    }
    this.advanceRead(room, stored);
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
    this.noteChange(room, msg);
    room.typing.delete(msg.from.toLowerCase()); // what they were typing has arrived
    for (const entry of this.outbox.values()) {
      if (entry.ackedId === msg.id && entry.room === msg.room) {
        this.outbox.delete(entry.ref);
      }
    }
    if (msg.id > room.read && this.isSeen(room)) {
      this.markRead(room);
    }
    this.changed();
  }

  /** An edit or a delete is kept by the id it changes, whether or not that message is loaded. */
  noteChange(room, msg) {
    const target = msg.edit || msg.delete;
    if (!target) {
      return;
    }
    const change = room.changes.get(target) ?? { text: null, editId: 0, deleted: false };
    if (msg.delete) {
      change.deleted = true;
    } else if (msg.id > change.editId) {
      change.editId = msg.id; // the newest edit wins, whatever order pages arrive in
      change.text = msg.text;
    }
    room.changes.set(target, change);
  }

  onTyping(frame) {
    const room = this.rooms.get(frame.room);
    if (!room || typeof frame.user !== 'string' || this.isMine({ from: frame.user })) {
      return;
    }
    const until = Date.now() + TYPING_SHOWN_MS;
    room.typing.set(frame.user.toLowerCase(), { name: frame.user, until });
    setTimeout(() => {
      const entry = room.typing.get(frame.user.toLowerCase());
      if (entry && entry.until <= Date.now()) {
        room.typing.delete(frame.user.toLowerCase());
        this.changed();
      }
    }, TYPING_SHOWN_MS + 50);
    this.changed();
  }

  /** Another tab or device of this user read the room up to `id`. */
  onRead(frame) {
    const room = this.rooms.get(frame.room);
    if (room && typeof frame.id === 'number') {
      this.advanceRead(room, frame.id);
      this.changed();
    }
  }

  onTopic(frame) {
    this.requests.delete(frame.ref);
    const room = this.rooms.get(frame.room);
    if (room) {
      room.topic = frame.text ?? '';
      this.changed();
    }
  }

  onSearch(frame) {
    this.requests.delete(frame.ref);
    const search = this.searching;
    if (search && search.ref === frame.ref) {
      search.state = 'done';
      search.results = Array.isArray(frame.messages) ? frame.messages : [];
      this.changed();
    }
  }

  onAck(ack) {
    this.requests.delete(ack.ref); // an edit's or a delete's: its msg follows
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
    older.forEach((m) => {
      room.ids.add(m.id);
      this.noteChange(room, m);
    });
    room.messages = older.concat(room.messages).sort((a, b) => a.id - b.id);
    if (room.jumpTo) {
      this.continueJump(room);
    }
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
        room.jumpTo = 0;
      } else if (request.kind === 'search') {
        if (this.searching?.ref === frame.ref) {
          Object.assign(this.searching, { state: 'failed', error: frame.message || frame.code });
        }
      } else if (['edit', 'delete', 'topic'].includes(request.kind)) {
        this.notice(`Could not ${request.kind === 'topic' ? 'set the topic' : request.kind + ' the message'}: `
          + (frame.message || frame.code));
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
    room.typingSentAt = 0; // the next message's typing is news again
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
    if (room && this.unreadIn(room) > 0) {
      this.markRead(room);
      this.changed();
    }
  }

  /** The user is typing in the open room: tell the others, at most every few seconds. */
  typed() {
    const room = this.rooms.get(this.active);
    const now = Date.now();
    if (room && room.joinedNow && now - room.typingSentAt >= TYPING_EVERY_MS) {
      if (this.send({ type: 'typing', room: room.name })) {
        room.typingSentAt = now;
      }
    }
  }

  /** Who is typing in `room` now, by name, in the order they started. */
  typingIn(room) {
    const now = Date.now();
    return [...room.typing.values()].filter((t) => t.until > now).map((t) => t.name);
  }

  /** Edits one of the user's messages; returns an error or null. */
  edit(name, id, text) {
    const trimmed = text.replace(/\r/g, '');
    if (trimmed.trim() === '') {
      return 'An edit cannot be empty. Delete the message instead.';
    }
    if ([...trimmed].length > MAX_TEXT) {
      return `A message is at most ${MAX_TEXT} characters.`;
    }
    const room = this.rooms.get(name);
    const msg = room?.messages.find((m) => m.id === id);
    if (!msg || this.shownOf(room, msg).text === trimmed) {
      return null;
    }
    return this.request('edit', name, { type: 'edit', room: name, id, text: trimmed });
  }

  /** Deletes a message (the user's own, or anyone's in a room the user owns); returns an error or null. */
  remove(name, id) {
    return this.request('delete', name, { type: 'delete', room: name, id });
  }

  setTopic(name, text) {
    const topic = text.replace(/[\r\n]+/g, ' ').trim();
    if ([...topic].length > 300) {
      return 'A topic is at most 300 characters.';
    }
    return this.request('topic', name, { type: 'topic', room: name, text: topic });
  }

  /** Searches a room; the answer lands in `searching`. */
  search(name, query) {
    const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (!words.some((w) => [...w].length >= 2)) {
      this.searching = { room: name, query, state: 'failed', results: [], error: 'Type a word of at least two letters.' };
    } else {
      const ref = this.nextRef('s');
      this.searching = { room: name, query, ref, state: 'loading', results: [] };
      if (this.send({ type: 'search', room: name, query, limit: 50, ref })) {
        this.requests.set(ref, { kind: 'search', room: name });
      } else {
        Object.assign(this.searching, { state: 'failed', error: 'You are offline. Try again once connected.' });
      }
    }
    this.changed();
  }

  closeSearch() {
    this.searching = null;
    this.changed();
  }

  /** Opens `name` at message `id`: loads the history down to a little before it, then shows it. */
  jumpTo(name, id) {
    const room = this.rooms.get(name);
    if (!room) {
      return;
    }
    if (this.active !== name) {
      this.select(name);
    }
    room.jumpTo = id;
    this.continueJump(room);
    this.changed();
  }

  continueJump(room) {
    const oldest = room.messages.length ? room.messages[0].id : room.maxId + 1;
    const wanted = Math.max(1, room.jumpTo - CONTEXT);
    if (oldest <= wanted || (room.messages.length && !hasOlder(room))) {
      this.jump = { room: room.name, id: room.jumpTo, seq: (this.jump?.seq ?? 0) + 1 };
      room.jumpTo = 0;
      return;
    }
    if (room.loadingOlder) {
      return; // a page is on its way; its answer continues
    }
    // Ids are gapless, so pages from the oldest held down keep the list whole: no hole to mend.
    const ref = this.nextRef('h');
    const frame = { type: 'history', room: room.name, before: oldest, limit: JUMP_PAGE, ref };
    if (this.send(frame)) {
      this.requests.set(ref, { kind: 'history', room: room.name });
      room.loadingOlder = true;
    } else {
      room.jumpTo = 0;
    }
  }

  request(kind, name, frame) {
    const ref = this.nextRef(kind[0]);
    if (!this.send({ ...frame, ref })) {
      return 'You are offline. Try again once connected.';
    }
    this.requests.set(ref, { kind, room: name });
    return null;
  }

  // ---- what a message looks like after its edits and deletes -------------------------------

  /** An edit or a delete: not shown as a line of its own, but applied to the message it names. */
  isChange(msg) {
    return Boolean(msg.edit || msg.delete);
  }

  /** {text, edited, deleted} of an ordinary message, with the edits and deletes applied. */
  shownOf(room, msg) {
    const change = room.changes.get(msg.id);
    const deleted = msg.deleted === true || change?.deleted === true;
    return {
      text: deleted ? '' : change?.text ?? msg.text,
      edited: !deleted && Boolean(change?.editId),
      deleted,
    };
  }

  isOwner(room) {
    return Boolean(this.me) && !this.guest && room.owners.has(this.me.toLowerCase());
  }

  canEdit(room, msg) {
    return this.isMine(msg) && !this.shownOf(room, msg).deleted;
  }

  canDelete(room, msg) {
    return (this.isMine(msg) || (!room.dm && this.isOwner(room))) && !this.shownOf(room, msg).deleted;
  }

  /** The user's newest message of a room that may still be edited (the up arrow's). */
  lastEditable(room) {
    for (let i = room.messages.length - 1; i >= 0; i--) {
      const msg = room.messages[i];
      if (!this.isChange(msg) && this.canEdit(room, msg)) {
        return msg.id;
      }
    }
    return null;
  }

  /**
   * Ordinary messages from others above the read mark. Ids not held (above the mark, below
   * what is loaded) count as such: every device holding the same counts the same.
   */
  unreadIn(room) {
    let held = 0;
    let count = 0;
    for (let i = room.messages.length - 1; i >= 0 && room.messages[i].id > room.read; i--) {
      const msg = room.messages[i];
      held += 1;
      if (!this.isChange(msg) && !this.isMine(msg) && !this.shownOf(room, msg).deleted) {
        count += 1;
      }
    }
    return count + Math.max(0, room.last - room.read - held);
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

  /** The user has seen the room's newest messages: mark them read here and on the server. */
  markRead(room) {
    if (room.maxId > room.read) {
      const news = this.unreadIn(room) > 0;
      this.advanceRead(room, room.maxId);
      if (news) {
        this.sendRead(room, room.maxId); // own messages alone are not news to the other tabs
      }
    }
  }

  /** Moves the mark forward only, as the server does. */
  advanceRead(room, id) {
    if (id > room.read) {
      room.read = id;
      this.readMarks[room.name] = id;
      this.memory?.setReadMarks(this.readMarks);
    }
  }

  /** Tells the server, a moment later: a replay of fifty new messages is one `read`, not fifty. */
  sendRead(room, id) {
    if (id <= 0) {
      return;
    }
    room.readToSend = Math.max(room.readToSend ?? 0, id);
    this.readTimer ??= setTimeout(() => {
      this.readTimer = null;
      for (const r of this.rooms.values()) {
        if (r.readToSend) {
          // Offline, it is lost here; the next `joined` shows the server behind and resends.
          this.send({ type: 'read', room: r.name, id: r.readToSend });
          r.readToSend = 0;
        }
      }
    }, 200);
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
