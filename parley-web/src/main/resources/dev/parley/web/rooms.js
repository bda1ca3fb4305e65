// One room as the page holds it, and the rules about rooms that follow from the protocol:
// ids are gapless from 1, and a private conversation's name is derived from its two users.

export function newRoom(name, me) {
  const dm = name.startsWith('dm:');
  return {
    name,
    dm,
    peer: dm ? peerOf(name, me) : null,
    messages: [], // sorted by id
    ids: new Set(),
    maxId: 0, // the highest id held: a rejoin asks for everything after it
    last: 0, // the newest id the server announced
    replayUntil: 0, // the last id of the replay that follows `joined`
    members: new Set(),
    joinedOnce: false,
    read: 0, // the read mark: what is above it is unread (chat.unreadIn)
    loadingOlder: false,
    joinedNow: false, // joined on the current connection (typing needs that)
    owners: new Set(), // user keys, from `joined`
    topic: '',
    changes: new Map(), // id of an edited or deleted message -> {text, editId, deleted}
    typing: new Map(), // user key -> {name, until}
    typingSentAt: 0,
    jumpTo: 0, // a search result being loaded, to scroll to once here
  };
}

/** Ids are gapless from 1, so a room has older messages exactly when its oldest held is > 1. */
export function hasOlder(room) {
  return room.messages.length > 0 && room.messages[0].id > 1;
}

/** `dm:` + both names lower-cased and sorted, as the server names a conversation. */
export function dmName(a, b) {
  return 'dm:' + [a.toLowerCase(), b.toLowerCase()].sort().join(':');
}

function peerOf(name, me) {
  const [a, b] = name.slice(3).split(':');
  const mine = (me ?? '').toLowerCase();
  return a === mine ? b : a;
}

export function insertionPoint(list, id) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].id < id) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
