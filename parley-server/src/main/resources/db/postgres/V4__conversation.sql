-- Conversation features (the embedded store's version 7). A message may edit or delete an
-- earlier one (edit_of, delete_of; 0 otherwise); a delete erases its target's and the target's
-- edits' text (deleted). Constant defaults: added without rewriting the table.
ALTER TABLE messages ADD COLUMN edit_of BIGINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN delete_of BIGINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT false;
-- A message's edits, newest last (its newest text is its last edit's).
CREATE INDEX messages_edits ON messages(room, edit_of, id) WHERE edit_of <> 0;

-- Search: PostgreSQL's full-text search. words is a searchable message's tsvector: the words
-- of its newest text, as dev.parley.server.store.SearchIndexWords makes them, taken as lexemes
-- as they are (array_to_tsvector: no parser or dictionary in between, so a word matches as in
-- the embedded store), and its room as the lexeme '#room' (never a word); NULL for edits,
-- deletes, deleted messages and texts without words. A query AND-s the room's lexeme and its
-- words as a tsquery, so the GIN index gives the room's matches only (see postgres.SearchIndex).
-- Adding the column rewrites nothing (no default). A small pending list: a search reads all
-- of it (the default 4 MB cost every search some 4 ms), while inserts still go in bulk.
ALTER TABLE messages ADD COLUMN words tsvector;
CREATE INDEX messages_words ON messages USING gin(words) WITH (gin_pending_list_limit = 512) WHERE words IS NOT NULL;

-- The words of the messages stored before this version are filled by the first server of this
-- version to start (postgres.SearchBackfill): this row says how far it got, and goes when it is done.
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
