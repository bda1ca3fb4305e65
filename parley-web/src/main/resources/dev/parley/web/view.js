// Draws everything around the messages: the room lists with member counts and unread
// badges, the header with the topic, who is typing, search results, the member list with
// presence, the connection state, and notices.
// It reads Chat and Connection and changes neither; clicks go to the handlers app.js gives.

import { MessageList } from './messages.js';
import { PERSON, avatar, el, icon } from './dom.js';

const NOTICE_MS = 6000;
const PUBLIC_SHOWN = 12;

export class View {
  constructor(handlers) {
    this.handlers = handlers;
    this.messages = new MessageList(handlers);
    this.$ = (id) => document.getElementById(id);
    for (const id of ['room-list', 'dm-list', 'public-list']) {
      this.$(id).addEventListener('click', (e) => {
        const button = e.target.closest('button[data-room]');
        if (button) {
          handlers.onSelect(button.dataset.room, id === 'public-list');
        }
      });
    }
    this.$('member-list').addEventListener('click', (e) => {
      const button = e.target.closest('button[data-user]');
      if (button) {
        handlers.onDm(button.dataset.user);
      }
    });
    this.$('search-results').addEventListener('click', (e) => {
      const button = e.target.closest('button[data-id]');
      if (button) {
        handlers.onJump(button.dataset.room, Number(button.dataset.id));
      }
    });
  }

  render(chat, connection) {
    this.renderRooms(chat);
    this.renderHeader(chat);
    this.renderMembers(chat);
    this.messages.render(chat);
    this.renderTyping(chat);
    this.renderSearch(chat);
    this.renderConnection(connection);
    const unread = [...chat.rooms.values()].reduce((n, r) => n + chat.unreadIn(r), 0);
    document.title = unread > 0 ? `(${unread}) Parley` : 'Parley';
    this.$('menu-badge').hidden = unread === 0;
  }

  renderRooms(chat) {
    const rooms = [...chat.rooms.values()];
    const publicRooms = rooms.filter((r) => !r.dm);
    this.$('room-list').replaceChildren(
      ...publicRooms.map((room) => roomItem(room, chat, {
        icon: el('span', { className: 'hash', ariaHidden: 'true' }, '#'),
        label: room.name,
        count: room.joinedOnce ? room.members.size : null,
      })),
    );
    const dms = rooms.filter((r) => r.dm);
    this.$('dm-list').replaceChildren(
      ...dms.map((room) => roomItem(room, chat, {
        icon: avatar(displayPeer(room), 'small'),
        label: displayPeer(room) + (room.peer === chat.me?.toLowerCase() ? ' (you)' : ''),
        count: null,
      })),
    );
    this.$('dm-hint').textContent = chat.guest
      ? 'Register to send private messages.'
      : dms.length === 0 ? 'Pick someone in a room’s member list to write privately.' : '';
    const others = chat.publicRooms.filter((r) => !chat.rooms.has(r.room)).slice(0, PUBLIC_SHOWN);
    this.$('public-title').hidden = others.length === 0;
    this.$('public-list').replaceChildren(
      ...others.map((r) => el('li', {},
        el('button', { type: 'button', className: 'room', dataset: { room: r.room } },
          el('span', { className: 'hash', ariaHidden: 'true' }, '#'),
          el('span', { className: 'room-name' }, r.room),
          memberCount(r.members)))),
    );
  }

  renderHeader(chat) {
    const room = chat.rooms.get(chat.active);
    const title = this.$('room-title');
    const subtitle = this.$('room-subtitle');
    this.$('leave-button').hidden = !room || room.dm;
    this.renderTopic(chat, room);
    this.$('search-form').hidden = !room;
    this.$('search-input').placeholder = room ? `Search ${room.dm ? displayPeer(room) : '#' + room.name}` : 'Search';
    if (!room) {
      title.textContent = 'No room open';
      subtitle.textContent = 'Join a room from the menu.';
    } else if (room.dm) {
      title.textContent = displayPeer(room);
      subtitle.textContent = 'Private conversation';
    } else {
      title.textContent = `#${room.name}`;
      const n = room.members.size;
      subtitle.textContent = room.joinedOnce ? `${n} ${n === 1 ? 'member' : 'members'} online` : 'Joining…';
    }
    const composer = this.$('composer');
    composer.placeholder = room ? `Message ${room.dm ? displayPeer(room) : '#' + room.name}` : 'Join a room first';
    composer.disabled = !room;
  }

  /** The room's topic after the member count; an owner's is a button that edits it. */
  renderTopic(chat, room) {
    const topic = this.$('topic');
    const editable = room && !room.dm && room.joinedOnce && chat.isOwner(room);
    const text = room && !room.dm ? room.topic : '';
    let content = null;
    if (editable) {
      content = el('button', {
        type: 'button',
        className: text ? 'topic-button' : 'topic-button empty-topic',
        title: 'Edit the topic',
        ariaLabel: text ? `Topic: ${text}. Edit the topic` : 'Add a topic',
        dataset: { action: 'edit-topic' },
      }, text || 'Add a topic');
    } else if (text) {
      content = el('span', { className: 'topic-text', title: text }, text);
    }
    if (topic.firstChild?.textContent !== content?.textContent || topic.firstChild?.tagName !== content?.tagName) {
      topic.replaceChildren(...(content ? [content] : []));
    }
    const form = this.$('topic-form');
    if (!form.hidden && form.dataset.room !== chat.active) {
      form.hidden = true; // another room opened while editing
    }
    topic.hidden = content === null || !form.hidden;
  }

  /** "alice is typing…", "alice and bob are typing…", "Several people are typing…". */
  renderTyping(chat) {
    const room = chat.rooms.get(chat.active);
    const names = room ? chat.typingIn(room) : [];
    let text = '';
    if (names.length === 1) {
      text = `${names[0]} is typing…`;
    } else if (names.length === 2) {
      text = `${names[0]} and ${names[1]} are typing…`;
    } else if (names.length > 2) {
      text = `${names[0]}, ${names[1]} and ${names.length - 2} more are typing…`;
    }
    const line = this.$('typing');
    if (line.textContent !== text) {
      line.replaceChildren(...(text ? [el('span', { className: 'typing-dots', ariaHidden: 'true' },
        el('i'), el('i'), el('i')), text] : []));
    }
  }

  /** The search panel: results newest first, the query's words marked, each a jump into context. */
  renderSearch(chat) {
    const search = chat.searching;
    const panel = this.$('search-panel');
    panel.hidden = !search;
    panel.parentElement.classList.toggle('searching', Boolean(search));
    if (!search) {
      this.shownSearch = null;
      return;
    }
    if (this.shownSearch === search && this.shownState === search.state) {
      return; // drawn already; redrawing would lose the focus of a result
    }
    this.shownSearch = search;
    this.shownState = search.state;
    const room = chat.rooms.get(search.room);
    const where = room?.dm ? displayPeer(room) : `#${search.room}`;
    this.$('search-title').textContent = `“${search.query}” in ${where}`;
    const status = this.$('search-status');
    const list = this.$('search-results');
    if (search.state === 'loading') {
      status.textContent = 'Searching…';
      list.replaceChildren();
      return;
    }
    if (search.state === 'failed') {
      status.textContent = search.error;
      list.replaceChildren();
      return;
    }
    const n = search.results.length;
    status.textContent = n === 0 ? 'No messages match.' : `${n} ${n === 1 ? 'message' : 'messages'}, newest first`;
    const words = new Set((search.query.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.toLowerCase()));
    list.replaceChildren(...search.results.map((msg) => {
      const time = new Date(msg.ts);
      return el('li', {}, el('button', {
        type: 'button', className: 'search-result', dataset: { room: msg.room ?? search.room, id: String(msg.id) },
        title: 'Show this message in the conversation',
      },
      el('span', { className: 'search-meta' },
        avatar(msg.from, 'small'),
        el('span', { className: 'search-author' }, msg.from),
        el('time', { className: 'msg-time', dateTime: time.toISOString() },
          time.toLocaleString([], { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }))),
      el('span', { className: 'search-text' }, ...highlighted(msg.text, words))));
    }));
  }

  /** Who is here now (presence), then who spoke in what is loaded but has gone. */
  renderMembers(chat) {
    const room = chat.rooms.get(chat.active);
    const list = this.$('member-list');
    if (!room) {
      list.replaceChildren();
      return;
    }
    const online = new Map();
    if (room.dm) {
      online.set(chat.me.toLowerCase(), chat.me);
      online.set(room.peer, displayPeer(room));
    } else {
      for (const name of room.members) {
        online.set(name.toLowerCase(), name);
      }
    }
    const away = new Map();
    for (let i = room.messages.length - 1; i >= 0 && away.size < 20; i--) {
      const from = room.messages[i].from;
      if (!online.has(from.toLowerCase())) {
        away.set(from.toLowerCase(), from);
      }
    }
    const items = [];
    const section = (label, names, present) => {
      if (names.length === 0) {
        return;
      }
      items.push(el('li', { className: 'member-section' }, `${label} — ${names.length}`));
      for (const name of names.sort((a, b) => a.localeCompare(b))) {
        items.push(memberItem(name, present, chat));
      }
    };
    section(room.dm ? 'In this conversation' : 'Online', [...online.values()], !room.dm);
    section('Offline', room.dm ? [] : [...away.values()], false);
    list.replaceChildren(...items);
  }

  renderConnection(connection) {
    const state = this.$('conn-state');
    const banner = this.$('banner');
    state.dataset.state = connection.state;
    state.dataset.transport = connection.transportKind ?? '';
    const via = connection.transportKind === 'poll' ? 'long-polling' : 'WebSocket';
    switch (connection.state) {
      case 'online':
        state.textContent = `Online · ${via}`;
        banner.hidden = true;
        break;
      case 'connecting':
        state.textContent = 'Connecting…';
        banner.hidden = true;
        break;
      case 'waiting': {
        const seconds = Math.max(1, Math.ceil((connection.retryAt - Date.now()) / 1000));
        state.textContent = 'Offline';
        this.$('banner-text').textContent =
          `Connection lost. Reconnecting in ${seconds} s… Messages you send now go out then.`;
        banner.hidden = false;
        break;
      }
      default:
        state.textContent = 'Offline';
        banner.hidden = true;
    }
  }

  notice(text) {
    const toast = el('div', { className: 'toast', role: 'alert' }, text);
    this.$('toasts').append(toast);
    setTimeout(() => toast.remove(), NOTICE_MS);
  }
}

/** The text as text nodes, with the whole words of the query in `mark` elements. */
function highlighted(text, words) {
  const parts = [];
  let at = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (words.has(match[0].toLowerCase())) {
      if (match.index > at) {
        parts.push(text.slice(at, match.index));
      }
      parts.push(el('mark', {}, match[0]));
      at = match.index + match[0].length;
    }
  }
  if (at < text.length) {
    parts.push(text.slice(at));
  }
  return parts;
}

function roomItem(room, chat, { icon, label, count }) {
  const unread = chat.unreadIn(room);
  const button = el('button', { type: 'button', className: 'room', dataset: { room: room.name } },
    icon,
    el('span', { className: 'room-name' }, label),
    count !== null ? memberCount(count) : null,
    unread > 0
      ? el('span', { className: 'badge', ariaLabel: `${unread} unread` }, unread > 99 ? '99+' : String(unread))
      : null);
  if (room.name === chat.active) {
    button.classList.add('active');
    button.setAttribute('aria-current', 'page');
  }
  if (unread > 0) {
    button.classList.add('unread');
  }
  return el('li', {}, button);
}

function memberCount(n) {
  return el('span', { className: 'count', title: `${n} online` }, icon(PERSON, 'count-icon'), String(n));
}

function memberItem(name, present, chat) {
  const me = chat.me && name.toLowerCase() === chat.me.toLowerCase();
  const item = el('li', { className: `member ${present ? 'online' : 'away'}` },
    el('span', { className: 'presence-wrap' }, avatar(name, 'small'), el('span', { className: 'presence' })),
    el('span', { className: 'member-name' }, name, me ? el('span', { className: 'you' }, ' (you)') : null));
  item.dataset.user = name;
  if (!me && !chat.guest) {
    item.append(el('button', {
      type: 'button', className: 'text-button dm-button', dataset: { user: name }, title: `Write to ${name} privately`,
    }, 'Message'));
  }
  return item;
}

/** The other person, spelled as they write their name when a message of theirs is loaded. */
function displayPeer(room) {
  for (let i = room.messages.length - 1; i >= 0; i--) {
    if (room.messages[i].from.toLowerCase() === room.peer) {
      return room.messages[i].from;
    }
  }
  return room.peer;
}
