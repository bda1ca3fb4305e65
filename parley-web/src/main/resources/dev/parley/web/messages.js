// Draws the open room's messages. Every text from the server goes in with textContent, never
// as HTML, so `<img src=x onerror=…>` is shown as those characters and runs nothing.
// Redraws are incremental where it matters: live messages are appended (and the view follows
// them if it was at the bottom); a page of history is put on top without moving what the
// reader is looking at.

import { hasOlder } from './rooms.js';
import { avatar, colorOf, el } from './dom.js';

/** Consecutive messages of one author closer than this share one header. */
const GROUP_GAP_MS = 5 * 60 * 1000;
/** Closer than this to the top, the next page of history is asked for. */
const NEAR_TOP_PX = 150;

export class MessageList {
  constructor({ onNearTop, onRetry, onDiscard }) {
    this.scroller = document.getElementById('messages');
    this.list = document.getElementById('message-list');
    this.pendingList = document.getElementById('pending-list');
    this.status = document.getElementById('history-status');
    this.empty = document.getElementById('empty');
    this.onNearTop = onNearTop;
    this.shown = { room: null, firstId: 0, lastId: 0, last: null };
    this.scroller.addEventListener('scroll', () => this.checkTop(), { passive: true });
    this.pendingList.addEventListener('click', (e) => {
      const button = e.target.closest('button[data-action]');
      if (button) {
        const ref = button.closest('[data-ref]').dataset.ref;
        (button.dataset.action === 'retry' ? onRetry : onDiscard)(ref);
      }
    });
  }

  /** Forgets what is drawn (logging out): the next render starts from nothing. */
  clear() {
    this.list.replaceChildren();
    this.pendingList.replaceChildren();
    this.shown = { room: null, firstId: 0, lastId: 0, last: null };
  }

  render(chat) {
    const room = chat.rooms.get(chat.active) ?? null;
    const s = this.scroller;
    const atBottom = s.scrollHeight - s.scrollTop - s.clientHeight < 48;
    const fromBottom = s.scrollHeight - s.scrollTop;
    const messages = room ? room.messages : [];
    const firstId = messages.length ? messages[0].id : 0;
    const lastId = messages.length ? messages[messages.length - 1].id : 0;
    const sameRoom = room !== null && this.shown.room === room.name;
    const shownFirstId = this.shown.firstId;
    let follow = atBottom;

    if (sameRoom && firstId === this.shown.firstId && lastId >= this.shown.lastId && firstId !== 0) {
      const fresh = messages.slice(insertionIndex(messages, this.shown.lastId + 1));
      for (const msg of fresh) {
        this.append(msg, chat);
        follow = follow || chat.isMine(msg);
      }
    } else {
      this.list.replaceChildren();
      this.shown.last = null;
      for (const msg of messages) {
        this.append(msg, chat);
      }
    }
    this.shown = { ...this.shown, room: room?.name ?? null, firstId, lastId };
    this.renderPending(chat, room);
    this.renderStatus(room);

    if (!sameRoom || follow) {
      s.scrollTop = s.scrollHeight;
    } else if (firstId !== shownFirstId) {
      s.scrollTop = s.scrollHeight - fromBottom; // older messages went on top: stay put
    }
    // A short first page does not fill the view, so no scroll would ever ask for more.
    if (room && s.scrollHeight <= s.clientHeight + NEAR_TOP_PX) {
      setTimeout(() => this.checkTop(), 0);
    }
  }

  checkTop() {
    if (this.shown.room && this.scroller.scrollTop < NEAR_TOP_PX) {
      this.onNearTop(this.shown.room);
    }
  }

  append(msg, chat) {
    const previous = this.shown.last;
    const day = dayOf(msg.ts);
    if (!previous || dayOf(previous.ts) !== day) {
      this.list.append(el('li', { className: 'day', role: 'separator' }, el('span', {}, dayLabel(msg.ts))));
    }
    const grouped =
      previous &&
      dayOf(previous.ts) === day &&
      previous.from.toLowerCase() === msg.from.toLowerCase() &&
      msg.ts - previous.ts < GROUP_GAP_MS;
    const item = bubble(msg.from, msg.text, msg.ts, grouped, chat.isMine(msg), msg.bot === true);
    item.dataset.id = String(msg.id);
    this.list.append(item);
    this.shown.last = msg;
  }

  renderPending(chat, room) {
    this.pendingList.replaceChildren();
    if (!room) {
      return;
    }
    let previousMine = this.shown.last !== null && chat.isMine(this.shown.last);
    for (const entry of chat.pendingIn(room.name)) {
      const item = bubble(chat.me, entry.text, Date.now(), previousMine, true);
      item.classList.add(entry.state === 'failed' ? 'failed' : 'pending');
      item.dataset.ref = entry.ref;
      const state = el('div', { className: 'msg-state' });
      if (entry.state === 'failed') {
        state.append(
          el('span', {}, `Not sent: ${entry.error}`),
          el('button', { type: 'button', className: 'text-button', dataset: { action: 'retry' } }, 'Retry'),
          el('button', { type: 'button', className: 'text-button', dataset: { action: 'discard' } }, 'Discard'),
        );
      } else {
        state.append(el('span', {}, 'Sending…'));
      }
      item.querySelector('.msg-body').append(state);
      this.pendingList.append(item);
      previousMine = true;
    }
  }

  renderStatus(room) {
    const messages = room ? room.messages : [];
    this.empty.hidden = !room || messages.length > 0 || chatHasPending(this.pendingList);
    if (room?.loadingOlder) {
      this.status.textContent = 'Loading earlier messages…';
    } else if (room && messages.length > 0 && !hasOlder(room)) {
      this.status.textContent = room.dm
        ? 'This is the beginning of your conversation.'
        : `This is the beginning of #${room.name}.`;
    } else {
      this.status.textContent = '';
    }
  }
}

/**
 * One message as a list item: avatar and header unless grouped with the one before; a bot
 * account's messages say so next to its name.
 */
function bubble(from, text, ts, grouped, mine, bot = false) {
  const time = new Date(ts);
  const body = el('div', { className: 'msg-body' });
  const item = el('li', { className: 'msg' });
  item.dataset.from = from;
  if (mine) {
    item.classList.add('mine');
  }
  if (grouped) {
    item.classList.add('grouped');
    item.append(timeElement(time, 'gutter-time'));
  } else {
    item.append(avatar(from));
    body.append(
      el('div', { className: 'msg-meta' },
        el('span', { className: `msg-author ${colorOf(from)}` }, from),
        ...(bot ? [el('span', { className: 'bot-badge', title: 'a bot account' }, 'BOT')] : []),
        timeElement(time, 'msg-time')),
    );
  }
  body.append(el('div', { className: 'msg-text' }, text));
  item.append(body);
  return item;
}

function timeElement(date, className) {
  return el('time', {
    className,
    dateTime: date.toISOString(),
    title: date.toLocaleString(),
  }, date.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' }));
}

function dayOf(ts) {
  return new Date(ts).toDateString();
}

function dayLabel(ts) {
  const day = new Date(ts).toDateString();
  const today = new Date();
  if (day === today.toDateString()) {
    return 'Today';
  }
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (day === yesterday.toDateString()) {
    return 'Yesterday';
  }
  return new Date(ts).toLocaleDateString([], { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
}

function chatHasPending(list) {
  return list.childElementCount > 0;
}

function insertionIndex(messages, id) {
  let i = messages.length;
  while (i > 0 && messages[i - 1].id >= id) {
    i -= 1;
  }
  return i;
}
