// What the page remembers between visits, in the browser's storage (never in a URL, where
// it would end up in histories and logs). A registered user's token and rooms go to
// localStorage, so every tab and the next visit are logged in. A guest has no token and its
// name is free once it leaves, so a guest's name and rooms go to sessionStorage: a reload
// keeps them, a second tab starts afresh (and can be a second guest).
// Storage may be disabled or full; the page then works and just forgets.

const TOKEN = 'parley.token';
const LAST_USER = 'parley.user';
const GUEST = 'parley.guest';

function read(storage, key) {
  try {
    return storage.getItem(key);
  } catch (e) {
    return null;
  }
}

function write(storage, key, value) {
  try {
    if (value === null || value === undefined) {
      storage.removeItem(key);
    } else {
      storage.setItem(key, value);
    }
  } catch (e) {
    // storage disabled or full: forget
  }
}

export const saved = {
  token: () => read(localStorage, TOKEN),
  setToken: (token) => write(localStorage, TOKEN, token),
  lastUser: () => read(localStorage, LAST_USER),
  setLastUser: (user) => write(localStorage, LAST_USER, user),
  guestName: () => read(sessionStorage, GUEST),
  setGuestName: (name) => write(sessionStorage, GUEST, name),
};

/** One user's rooms, read marks and open room, under keys of its own. */
export class UserMemory {
  constructor(user, guest) {
    this.storage = guest ? sessionStorage : localStorage;
    this.prefix = `parley.${guest ? 'guest' : 'user'}.${user.toLowerCase()}.`;
  }

  json(key, fallback) {
    try {
      return JSON.parse(read(this.storage, this.prefix + key)) ?? fallback;
    } catch (e) {
      return fallback;
    }
  }

  /** Public rooms joined, in the order they were joined. */
  rooms() {
    const rooms = this.json('rooms', null);
    return Array.isArray(rooms) ? rooms.filter((r) => typeof r === 'string') : null;
  }

  setRooms(rooms) {
    write(this.storage, this.prefix + 'rooms', JSON.stringify(rooms));
  }

  /** Per room, the highest id the user has seen: what is above it is unread. */
  readMarks() {
    const marks = this.json('read', {});
    return typeof marks === 'object' ? marks : {};
  }

  setReadMarks(marks) {
    write(this.storage, this.prefix + 'read', JSON.stringify(marks));
  }

  active() {
    return read(this.storage, this.prefix + 'active');
  }

  setActive(room) {
    write(this.storage, this.prefix + 'active', room);
  }
}
