-- The PostgreSQL store's schema: the same tables as the embedded store's (SQLite) at its
-- version 5. Lists ordered by name sort with COLLATE "C" in their queries (byte order, as SQLite
-- does), so they come out in the same order whichever store keeps them.

-- Counters that must count in commit order across nodes: each is one row, updated in the
-- transaction that uses it, so a second writer waits for the first to commit.
CREATE TABLE counters(
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL);
INSERT INTO counters(name, value) VALUES ('account', 0), ('account_event', 0);

-- Accounts: an id never given to another account, a generation counting password changes, and
-- a look-alike skeleton (dev.parley.protocol.LookAlikes).
CREATE TABLE accounts(
  key TEXT PRIMARY KEY,
  id BIGINT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  generation BIGINT NOT NULL DEFAULT 0,
  skeleton TEXT NOT NULL,
  created BIGINT NOT NULL);
CREATE INDEX accounts_skeleton ON accounts(skeleton);

-- Login tokens, kept only as hashes.
CREATE TABLE tokens(
  token_hash TEXT PRIMARY KEY,
  user_key TEXT NOT NULL REFERENCES accounts(key),
  created BIGINT NOT NULL,
  expires BIGINT NOT NULL);
CREATE INDEX tokens_user ON tokens(user_key);

-- Every change of an account, in commit order (seq comes from counters 'account_event').
CREATE TABLE account_events(
  seq BIGINT PRIMARY KEY,
  user_key TEXT NOT NULL,
  account_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  generation BIGINT NOT NULL,
  at BIGINT NOT NULL);

-- A room exists once written to; last_id is its id counter, updated in the storing transaction.
-- A private conversation names its two users (dm_a, dm_b).
CREATE TABLE rooms(
  name TEXT PRIMARY KEY,
  last_id BIGINT NOT NULL DEFAULT 0,
  dm_a TEXT,
  dm_b TEXT,
  created BIGINT NOT NULL);
CREATE INDEX rooms_dm_a ON rooms(dm_a) WHERE dm_a IS NOT NULL;
CREATE INDEX rooms_dm_b ON rooms(dm_b) WHERE dm_b IS NOT NULL;

-- History. sender_key is the sender's identity (key#id for an account, the key for a guest);
-- a ref is stored once per (room, sender_key).
CREATE TABLE messages(
  room TEXT NOT NULL,
  id BIGINT NOT NULL,
  ts BIGINT NOT NULL,
  sender TEXT NOT NULL,
  sender_key TEXT NOT NULL,
  text TEXT NOT NULL,
  ref TEXT,
  PRIMARY KEY(room, id));
CREATE UNIQUE INDEX messages_ref ON messages(room, sender_key, ref) WHERE ref IS NOT NULL;

CREATE TABLE room_owners(
  room TEXT NOT NULL,
  user_key TEXT NOT NULL,
  PRIMARY KEY(room, user_key));
CREATE INDEX room_owners_user ON room_owners(user_key);

CREATE TABLE room_bans(
  room TEXT NOT NULL,
  user_key TEXT NOT NULL,
  PRIMARY KEY(room, user_key));

-- Where an account starts reading a private conversation that had messages before it existed.
CREATE TABLE dm_floors(
  user_key TEXT NOT NULL,
  room TEXT NOT NULL,
  after_id BIGINT NOT NULL,
  PRIMARY KEY(user_key, room));
