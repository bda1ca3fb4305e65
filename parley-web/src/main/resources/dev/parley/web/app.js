// The page's entry point: puts Connection (the link), Chat (the state) and View (the page)
// together, and handles the login form, the composer (typing, the up arrow's edit), the topic,
// the search box and the menus.

import { Chat } from './chat.js';
import { Connection } from './connection.js';
import { saved } from './saved.js';
import { View } from './view.js';

const $ = (id) => document.getElementById(id);
const phone = matchMedia('(max-width: 720px)');
const USER_NAME = /^[A-Za-z0-9_.-]{1,32}$/;
const REFUSALS = {
  auth_failed: 'Wrong name or password.',
  name_taken: 'A guest with that name is here already. Pick another name.',
  user_exists: 'That name is registered already. Log in, or pick another name.',
  weak_password: 'The password needs at least 8 characters.',
  invalid_name: 'A name is 1–32 letters, digits, “_”, “-” or “.”.',
  rate_limited: 'Too many tries. Wait a moment.',
};
const GUEST_REFUSED = 'That name belongs to a registered user, or this server admits no guests.';

/** How to log in: {mode: 'token'|'login'|'register'|'guest', user, password, token}. */
let login = null;
/** Whether this login has been welcomed once: refusals after that are a reconnect's. */
let welcomed = false;
let formMode = 'login';

const chat = new Chat({
  send: (frame) => connection.send(frame),
  changed: () => scheduleRender(),
  notice: (text) => view.notice(text),
});
const connection = new Connection({
  login: loginFrame,
  onWelcome: onWelcome,
  onFrame: (frame) => chat.handle(frame),
  onRefused: onRefused,
  onState: () => {
    if (!welcomed && connection.state === 'waiting' && !$('login').hidden) {
      showFormError('Cannot reach the server. Trying again…');
    }
    scheduleRender();
  },
});
const view = new View({
  onSelect: (room, isPublic) => {
    if (isPublic) {
      chat.join(room);
    } else {
      chat.select(room);
    }
    closeOverlays();
  },
  onDm: (user) => {
    const error = chat.openDm(user);
    if (error) {
      view.notice(error);
    } else {
      closeOverlays();
      $('composer').focus();
    }
  },
  onNearTop: (room) => chat.loadOlder(room),
  onRetry: (ref) => chat.retry(ref),
  onDiscard: (ref) => chat.discard(ref),
  onEdit: (room, id, text) => chat.edit(room, id, text),
  onDelete: (room, id) => {
    const error = chat.remove(room, id);
    if (error) {
      view.notice(error);
    }
  },
  onEditDone: (error) => {
    if (error) {
      view.notice(error);
    } else {
      composer.focus();
    }
  },
  onJump: (room, id) => {
    chat.jumpTo(room, id);
    if (phone.matches) {
      chat.closeSearch(); // the results cover the conversation there
    }
    closeOverlays();
  },
});

let renderQueued = false;
function scheduleRender() {
  if (!renderQueued) {
    renderQueued = true;
    queueMicrotask(() => {
      renderQueued = false;
      if (!$('app').hidden) {
        view.render(chat, connection);
      }
    });
  }
}

// ---- logging in ---------------------------------------------------------------------------

function loginFrame() {
  switch (login.mode) {
    case 'token':
      return { type: 'hello', token: login.token };
    case 'register':
      return { type: 'register', user: login.user, password: login.password };
    case 'login':
      return { type: 'hello', user: login.user, password: login.password };
    default:
      return { type: 'hello', user: login.user };
  }
}

function onWelcome(welcome) {
  const guest = login.mode === 'guest';
  if (welcome.token) {
    // From now on the token logs in; the password is not kept.
    saved.setToken(welcome.token);
    login = { mode: 'token', token: welcome.token };
  }
  if (guest) {
    saved.setGuestName(welcome.user);
  }
  saved.setLastUser(welcome.user);
  welcomed = true;
  showApp(welcome.user);
  chat.welcomed(welcome, guest);
}

/** A login refused: 'stop' (back to the form) or 'retry' (a reconnect that may pass later). */
function onRefused(error) {
  const reconnecting = welcomed;
  if (login.mode === 'guest' && error.code === 'name_taken' && (reconnecting || login.tries-- > 0)) {
    // Most likely our own previous connection (before a reconnect or a reload), which the
    // server has not yet seen go.
    return 'retry';
  }
  if (reconnecting && !['auth_failed', 'invalid_name'].includes(error.code)) {
    return 'retry';
  }
  const message =
    login.mode === 'token'
      ? 'Your session has ended. Please log in again.'
      : login.mode === 'guest' && error.code === 'auth_failed'
        ? GUEST_REFUSED
        : REFUSALS[error.code] ?? error.message ?? error.code;
  if (login.mode === 'token') {
    saved.setToken(null);
  }
  showLogin(message);
  return 'stop';
}

function showLogin(error) {
  welcomed = false;
  login = null;
  $('app').hidden = true;
  $('login').hidden = false;
  $('login-user').value ||= saved.lastUser() ?? '';
  setFormMode(formMode);
  showFormError(error);
  $('login-submit').disabled = false;
  (($('login-user').value ? $('login-password') : null) ?? $('login-user')).focus();
}

function showApp(user) {
  $('login').hidden = true;
  $('app').hidden = false;
  $('me-name').textContent = user;
  const avatar = $('me-avatar');
  avatar.textContent = ([...user][0] ?? '').toUpperCase();
  avatar.className = 'avatar small';
  scheduleRender();
}

function showFormError(text) {
  const error = $('login-error');
  error.textContent = text ?? '';
  error.hidden = !text;
}

function setFormMode(mode) {
  formMode = mode;
  for (const tab of document.querySelectorAll('.tab')) {
    tab.setAttribute('aria-selected', String(tab.dataset.mode === mode));
  }
  $('password-field').hidden = mode === 'guest';
  $('login-password').autocomplete = mode === 'register' ? 'new-password' : 'current-password';
  $('login-submit').textContent = { login: 'Log in', register: 'Create account', guest: 'Enter as guest' }[mode];
  $('login-hint').textContent = {
    login: 'Log in with your name and password.',
    register: 'Pick a name and a password of at least 8 characters. You stay logged in on this browser.',
    guest: 'No account needed. Guests cannot send or receive private messages.',
  }[mode];
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const user = $('login-user').value.trim();
  const password = $('login-password').value;
  if (!USER_NAME.test(user)) {
    showFormError(REFUSALS.invalid_name);
    return;
  }
  if (formMode === 'register' && [...password].length < 8) {
    showFormError(REFUSALS.weak_password);
    return;
  }
  if (formMode === 'login' && password === '') {
    showFormError('Enter your password, or enter as a guest.');
    return;
  }
  showFormError(null);
  $('login-submit').disabled = true;
  login = { mode: formMode, user, password: formMode === 'guest' ? undefined : password };
  $('login-password').value = '';
  connection.start();
});

for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => {
    setFormMode(tab.dataset.mode);
    showFormError(null);
  });
}

$('logout').addEventListener('click', () => {
  // Revokes the stored token on the server too, not only in this browser.
  connection.stop({ type: 'logout' });
  saved.setToken(null);
  saved.setGuestName(null);
  chat.reset(null, false);
  view.messages.clear();
  showLogin(null);
});

// ---- chatting -----------------------------------------------------------------------------

const composer = $('composer');
const autoSizes = CSS.supports('field-sizing', 'content');

composer.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $('composer-form').requestSubmit();
  } else if (event.key === 'ArrowUp' && composer.value === '' && !event.isComposing) {
    // As in other chats: the up arrow in an empty composer edits one's last message.
    const room = chat.rooms.get(chat.active);
    const id = room ? chat.lastEditable(room) : null;
    if (id !== null && view.messages.startEdit(id)) {
      event.preventDefault();
    }
  }
});
composer.addEventListener('input', () => {
  if (!autoSizes) {
    composer.rows = Math.min(8, composer.value.split('\n').length);
  }
  if (composer.value.trim() !== '') {
    chat.typed();
  }
});
$('composer-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const error = chat.say(composer.value);
  if (error) {
    view.notice(error);
    return;
  }
  composer.value = '';
  composer.rows = 1;
  composer.focus();
});

$('join-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const error = chat.join($('join-input').value);
  $('join-error').textContent = error ?? '';
  $('join-error').hidden = !error;
  if (!error) {
    $('join-input').value = '';
    closeOverlays();
  }
});

$('leave-button').addEventListener('click', () => chat.leave(chat.active));

// ---- the topic: an owner clicks it, types, Enter saves ("" clears), Esc cancels -------------

const topicForm = $('topic-form');
const topicInput = $('topic-input');
$('topic').addEventListener('click', (event) => {
  const room = chat.rooms.get(chat.active);
  if (!room || !event.target.closest('[data-action="edit-topic"]')) {
    return;
  }
  topicInput.value = room.topic;
  topicForm.dataset.room = room.name;
  topicForm.hidden = false;
  $('topic').hidden = true;
  topicInput.focus();
  topicInput.select();
});
topicForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const error = chat.setTopic(topicForm.dataset.room, topicInput.value);
  if (error) {
    view.notice(error);
    return;
  }
  closeTopic();
});
topicInput.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    event.stopPropagation();
    closeTopic();
  }
});
topicInput.addEventListener('blur', () => !topicForm.hidden && closeTopic(false));

function closeTopic(refocus = true) {
  topicForm.hidden = true;
  scheduleRender();
  if (refocus) {
    queueMicrotask(() => $('topic').querySelector('button')?.focus());
  }
}

// ---- search -------------------------------------------------------------------------------

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const query = $('search-input').value.trim();
  if (chat.active && query) {
    chat.search(chat.active, query);
  }
});
$('search-input').addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    $('search-input').value = '';
    chat.closeSearch();
  }
});
$('search-panel').addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    chat.closeSearch();
    $('search-input').focus();
  }
});
$('search-close').addEventListener('click', () => {
  chat.closeSearch();
  $('search-input').focus();
});
$('retry-now').addEventListener('click', () => connection.retryNow());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') {
    chat.seen();
  }
});
// The banner counts down to the next attempt.
setInterval(() => connection.state === 'waiting' && view.renderConnection(connection), 1000);
// The list of other rooms and their member counts goes stale; ask again now and then.
setInterval(() => connection.send({ type: 'rooms' }), 60000);

// ---- menus: on a phone the room list and the members are panels over the conversation ----

const app = $('app');
const wide = matchMedia('(min-width: 1100px)');
// Wide enough, the members are a column of their own and shown; narrower, a panel over the
// conversation, shown on demand.
app.classList.toggle('members-open', wide.matches);
wide.addEventListener('change', () => {
  closeOverlays();
  app.classList.toggle('members-open', wide.matches);
});

$('menu-button').addEventListener('click', () => {
  app.classList.add('sidebar-open');
  $('scrim').hidden = false;
});
$('members-button').addEventListener('click', () => {
  const open = app.classList.toggle('members-open');
  $('members-button').setAttribute('aria-expanded', String(open));
  $('scrim').hidden = !(open && !wide.matches);
});
for (const id of ['sidebar-close', 'members-close', 'scrim']) {
  $(id).addEventListener('click', closeOverlays);
}
addEventListener('keydown', (event) => event.key === 'Escape' && closeOverlays());

function closeOverlays() {
  app.classList.remove('sidebar-open');
  if (!wide.matches) {
    app.classList.remove('members-open');
  }
  $('scrim').hidden = true;
}

// ---- start: log in with what this browser remembers, else show the form --------------------

const token = saved.token();
const guestName = saved.guestName();
if (token) {
  login = { mode: 'token', token };
} else if (guestName) {
  login = { mode: 'guest', user: guestName, tries: 3 };
}
if (login) {
  showApp(saved.lastUser() ?? guestName ?? '');
  connection.start();
} else {
  showLogin(null);
}
