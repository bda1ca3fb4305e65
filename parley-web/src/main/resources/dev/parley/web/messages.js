// Draws the open room's messages. Every text from the server goes in with textContent, never
// as HTML, so `<img src=x onerror=…>` is shown as those characters and runs nothing.
// Redraws are incremental where it matters: live messages are appended (and the view follows
// them if it was at the bottom); a page of history is put on top without moving what the
// reader is looking at. Edits and deletes are never lines of their own: they change the
// message they name, in place ("(edited)", "message deleted").
//
// Each message the user may change has a "⋯" button (shown on hover or focus) opening a small
// menu: Edit (inline, Enter saves, Esc cancels) and Delete (asked once more).

import { hasOlder } from './rooms.js';
import { avatar, colorOf, el } from './dom.js';

/** Consecutive messages of one author closer than this share one header. */
const GROUP_GAP_MS = 5 * 60 * 1000;
/** Closer than this to the top, the next page of history is asked for. */
const NEAR_TOP_PX = 150;
/** How long a message jumped to (from a search result) stays highlighted. */
const FLASH_MS = 2500;

export class MessageList {
  constructor({ onNearTop, onRetry, onDiscard, onEdit, onDelete, onEditDone }) {
    this.scroller = document.getElementById('messages');
    this.list = document.getElementById('message-list');
    this.pendingList = document.getElementById('pending-list');
    this.status = document.getElementById('history-status');
    this.empty = document.getElementById('empty');
    this.onNearTop = onNearTop;
    Object.assign(this, { onEdit, onDelete, onEditDone });
    this.shown = { room: null, firstId: 0, lastId: 0, last: null };
    this.editing = null; // {room, id, draft}: the message being edited, drawn as a form
    this.jumpSeq = 0;
    this.chat = null;
    this.list.addEventListener('click', (e) => this.clicked(e));
    this.list.addEventListener('keydown', (e) => this.keyed(e));
    document.addEventListener('click', (e) => {
      // The path as dispatched: the clicked button may be gone by now (Delete asks again).
      if (!e.composedPath().some((node) => node.classList?.contains('msg-actions'))) {
        this.closeMenus();
      }
    });
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
    this.editing = null;
  }

  render(chat) {
    this.chat = chat;
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
    if (!sameRoom) {
      this.editing = null;
    }

    if (sameRoom && firstId === this.shown.firstId && lastId >= this.shown.lastId && firstId !== 0) {
      const fresh = messages.slice(insertionIndex(messages, this.shown.lastId + 1));
      for (const msg of fresh) {
        if (chat.isChange(msg)) {
          this.refresh(room, msg.edit || msg.delete);
        } else {
          this.append(msg, chat, room);
          follow = follow || chat.isMine(msg);
        }
      }
    } else {
      this.list.replaceChildren();
      this.shown.last = null;
      for (const msg of messages) {
        if (!chat.isChange(msg)) {
          this.append(msg, chat, room);
        }
      }
      if (this.editing) {
        this.startEdit(this.editing.id, this.editing.draft); // the list was drawn afresh
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
    this.showJump(chat, room);
    // A short first page does not fill the view, so no scroll would ever ask for more.
    if (room && s.scrollHeight <= s.clientHeight + NEAR_TOP_PX) {
      setTimeout(() => this.checkTop(), 0);
    }
  }

  /** Scrolls to the message a search result named, once it is drawn, and highlights it briefly. */
  showJump(chat, room) {
    const jump = chat.jump;
    if (!room || !jump || jump.room !== room.name || jump.seq === this.jumpSeq) {
      return;
    }
    const item = this.item(jump.id);
    if (!item) {
      return;
    }
    this.jumpSeq = jump.seq;
    item.scrollIntoView({ block: 'center' });
    item.tabIndex = -1;
    item.focus({ preventScroll: true });
    item.classList.remove('flash');
    void item.offsetWidth; // restarts the animation when the same message is jumped to again
    item.classList.add('flash');
    setTimeout(() => item.classList.remove('flash'), FLASH_MS);
  }

  item(id) {
    return this.list.querySelector(`.msg[data-id="${Number(id)}"]`);
  }

  /** Redraws one message's text and menu after an edit or a delete of it. */
  refresh(room, id) {
    const item = this.item(id);
    const msg = room.messages.find((m) => m.id === id);
    if (!item || !msg) {
      return;
    }
    if (this.editing?.id === id && !this.chat.canEdit(room, msg)) {
      this.editing = null; // deleted under the editor
    }
    if (this.editing?.id !== id) {
      item.querySelector('.msg-content').replaceWith(content(this.chat.shownOf(room, msg)));
    }
    item.classList.toggle('deleted', this.chat.shownOf(room, msg).deleted);
    item.querySelector('.msg-actions')?.remove();
    const actions = actionsFor(this.chat, room, msg);
    if (actions) {
      item.append(actions);
    }
  }

  // ---- the message menu and the inline editor ----------------------------------------------

  clicked(e) {
    const button = e.target.closest('button[data-action]');
    const item = button?.closest('.msg');
    if (!button || !item || !this.chat) {
      return;
    }
    const id = Number(item.dataset.id);
    const room = this.chat.rooms.get(this.shown.room);
    switch (button.dataset.action) {
      case 'menu':
        return this.toggleMenu(item);
      case 'edit':
        this.closeMenus();
        return this.startEdit(id);
      case 'delete':
        return this.askDelete(item);
      case 'confirm-delete':
        this.closeMenus();
        this.onDelete(room.name, id);
        return this.restoreFocus(item);
      case 'cancel-menu':
        this.closeMenus();
        return this.restoreFocus(item);
      case 'save-edit':
        return this.saveEdit(item);
      case 'cancel-edit':
        return this.cancelEdit();
      default:
    }
  }

  keyed(e) {
    const item = e.target.closest('.msg');
    if (!item) {
      return;
    }
    if (e.target.classList.contains('edit-input')) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.saveEdit(item);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.cancelEdit();
      }
    } else if (e.key === 'Escape' && item.querySelector('.msg-menu')) {
      e.stopPropagation();
      this.closeMenus();
      this.restoreFocus(item);
    }
  }

  toggleMenu(item) {
    const open = item.querySelector('.msg-menu');
    this.closeMenus();
    if (open) {
      return;
    }
    const button = item.querySelector('.msg-menu-button');
    const room = this.chat.rooms.get(this.shown.room);
    const msg = room?.messages.find((m) => m.id === Number(item.dataset.id));
    if (!msg) {
      return;
    }
    const menu = el('div', { className: 'msg-menu', role: 'menu', ariaLabel: 'Message actions' },
      this.chat.canEdit(room, msg) ? menuItem('edit', 'Edit') : null,
      this.chat.canDelete(room, msg) ? menuItem('delete', 'Delete', 'danger') : null);
    button.setAttribute('aria-expanded', 'true');
    button.after(menu);
    menu.querySelector('button')?.focus();
  }

  askDelete(item) {
    const menu = item.querySelector('.msg-menu');
    menu.replaceChildren(
      el('p', { className: 'msg-menu-question' }, 'Delete this message for everyone?'),
      el('div', { className: 'msg-menu-row' },
        menuItem('cancel-menu', 'Cancel'),
        menuItem('confirm-delete', 'Delete', 'danger')));
    menu.querySelector('[data-action="confirm-delete"]').focus();
  }

  closeMenus() {
    for (const menu of this.list.querySelectorAll('.msg-menu')) {
      menu.previousElementSibling?.setAttribute('aria-expanded', 'false');
      menu.remove();
    }
  }

  restoreFocus(item) {
    (item.querySelector('.msg-menu-button') ?? document.getElementById('composer')).focus();
  }

  /** Turns a message into a small form with its text (the up arrow's and the menu's Edit). */
  startEdit(id, draft = null) {
    const room = this.chat?.rooms.get(this.shown.room);
    const item = this.item(id);
    const msg = room?.messages.find((m) => m.id === id);
    if (!item || !msg || !this.chat.canEdit(room, msg)) {
      return false;
    }
    if (this.editing && this.editing.id !== id) {
      this.cancelEdit(false);
    }
    const text = draft ?? this.chat.shownOf(room, msg).text;
    this.editing = { room: room.name, id, draft: text };
    const input = el('textarea', { className: 'edit-input', rows: Math.min(8, text.split('\n').length), value: text });
    input.setAttribute('aria-label', 'Edit your message');
    input.addEventListener('input', () => {
      if (this.editing) {
        this.editing.draft = input.value;
      }
    });
    const form = el('div', { className: 'msg-content editing' },
      input,
      el('div', { className: 'edit-hint' },
        'Enter saves · Esc cancels',
        el('button', { type: 'button', className: 'text-button quiet', dataset: { action: 'cancel-edit' } }, 'Cancel'),
        el('button', { type: 'button', className: 'text-button', dataset: { action: 'save-edit' } }, 'Save')));
    item.querySelector('.msg-content').replaceWith(form);
    item.classList.add('is-editing');
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    if (item.getBoundingClientRect().bottom > this.scroller.getBoundingClientRect().bottom
        || item.getBoundingClientRect().top < this.scroller.getBoundingClientRect().top) {
      item.scrollIntoView({ block: 'nearest' });
    }
    return true;
  }

  saveEdit(item) {
    const room = this.chat.rooms.get(this.shown.room);
    const text = item.querySelector('.edit-input').value;
    const error = this.onEdit(room.name, Number(item.dataset.id), text);
    if (!error) {
      this.cancelEdit(); // the edit's msg redraws the text
    } else {
      this.onEditDone(error);
    }
  }

  /** Leaves the editor, drawing the message as it is; focus goes back to the composer. */
  cancelEdit(refocus = true) {
    const editing = this.editing;
    this.editing = null;
    const room = this.chat?.rooms.get(this.shown.room);
    if (editing && room) {
      const item = this.item(editing.id);
      item?.classList.remove('is-editing');
      this.refresh(room, editing.id);
    }
    if (refocus) {
      this.onEditDone(null);
    }
  }

  checkTop() {
    if (this.shown.room && this.scroller.scrollTop < NEAR_TOP_PX) {
      this.onNearTop(this.shown.room);
    }
  }

  append(msg, chat, room) {
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
    const shown = chat.shownOf(room, msg);
    const item = bubble(msg.from, shown, msg.ts, grouped, chat.isMine(msg), msg.bot === true);
    item.dataset.id = String(msg.id);
    const actions = actionsFor(chat, room, msg);
    if (actions) {
      item.append(actions);
    }
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
      const item = bubble(chat.me, { text: entry.text }, Date.now(), previousMine, true);
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
function bubble(from, shown, ts, grouped, mine, bot = false) {
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
  body.append(content(shown));
  item.append(body);
  if (shown.deleted) {
    item.classList.add('deleted');
  }
  return item;
}

/** The text as shown: "message deleted" in place of a deleted one, "(edited)" after an edited one. */
function content({ text, edited, deleted }) {
  if (deleted) {
    return el('div', { className: 'msg-content' }, el('span', { className: 'msg-text deleted-text' }, 'message deleted'));
  }
  return el('div', { className: 'msg-content' },
    el('span', { className: 'msg-text' }, text),
    edited ? el('span', { className: 'msg-edited', title: 'This message was edited' }, ' (edited)') : null);
}

/** The "⋯" button of a message the user may edit or delete, or null. */
function actionsFor(chat, room, msg) {
  if (!chat.canEdit(room, msg) && !chat.canDelete(room, msg)) {
    return null;
  }
  return el('div', { className: 'msg-actions' },
    el('button', {
      type: 'button',
      className: 'msg-menu-button',
      ariaLabel: `Actions for the message by ${msg.from}`,
      ariaHaspopup: 'menu',
      ariaExpanded: 'false',
      title: 'More actions',
      dataset: { action: 'menu' },
    }, '⋯'));
}

function menuItem(action, label, extraClass = '') {
  return el('button', { type: 'button', role: 'menuitem', className: `msg-menu-item ${extraClass}`.trim(), dataset: { action } }, label);
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
