// Draws everything around the messages: the room lists with member counts and unread
// badges, the header, the member list with presence, the connection state, and notices.
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
  }

  render(chat, connection) {
    this.renderRooms(chat);
    this.renderHeader(chat);
    this.renderMembers(chat);
    this.messages.render(chat);
    this.renderConnection(connection);
    const unread = [...chat.rooms.values()].reduce((n, r) => n + r.unread, 0);
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

function roomItem(room, chat, { icon, label, count }) {
  const button = el('button', { type: 'button', className: 'room', dataset: { room: room.name } },
    icon,
    el('span', { className: 'room-name' }, label),
    count !== null ? memberCount(count) : null,
    room.unread > 0
      ? el('span', { className: 'badge', ariaLabel: `${room.unread} unread` }, room.unread > 99 ? '99+' : String(room.unread))
      : null);
  if (room.name === chat.active) {
    button.classList.add('active');
    button.setAttribute('aria-current', 'page');
  }
  if (room.unread > 0) {
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
