-- Conversation features (the embedded store's version 7). A message may edit or delete an
-- earlier one (edit_of, delete_of; 0 otherwise); a delete erases its target's and the target's
-- edits' text (deleted). Constant defaults: added without rewriting the table.
ALTER TABLE messages ADD COLUMN edit_of BIGINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN delete_of BIGINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT false;
-- A message's edits, newest last (its newest text is its last edit's).
CREATE INDEX messages_edits ON messages(room, edit_of, id) WHERE edit_of <> 0;

-- Search: per room, each searchable message's words (those of its newest text, as
-- dev.parley.server.store.SearchIndexWords makes them) under its id, as in the embedded store.
-- A query walks its rarest word's ids newest first and keeps those the other words have too,
-- so it stops after its limit however common the words are (a GIN index answers in no order,
-- so a common word would cost a sort of all its matches). Edits, deletes and deleted messages
-- have no rows.
CREATE TABLE message_words(
  room TEXT NOT NULL,
  word TEXT COLLATE "C" NOT NULL,
  id BIGINT NOT NULL,
  PRIMARY KEY(room, word, id));

-- The messages stored before this version are indexed by the first server of this version to
-- start (PostgresStore): this row says how far it got, and goes when it is done.
CREATE TABLE search_backfill(room TEXT NOT NULL, id BIGINT NOT NULL);
INSERT INTO search_backfill(room, id) VALUES ('', 0);

-- How far each member (by identity) has read each room.
CREATE TABLE read_markers(
  identity TEXT NOT NULL,
  room TEXT NOT NULL,
  id BIGINT NOT NULL,
  PRIMARY KEY(identity, room));

-- A room's topic, who set it (display name) and when.
CREATE TABLE topics(
  room TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  set_by TEXT NOT NULL,
  ts BIGINT NOT NULL);
