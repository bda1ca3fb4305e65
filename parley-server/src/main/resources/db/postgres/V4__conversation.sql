-- Conversation features (the embedded store's version 7). A message may edit or delete an
-- earlier one (edit_of, delete_of; 0 otherwise); a delete erases its target's and the target's
-- edits' text (deleted). Constant defaults: added without rewriting the table.
ALTER TABLE messages ADD COLUMN edit_of BIGINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN delete_of BIGINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX messages_edits ON messages(room, edit_of) WHERE edit_of <> 0;

-- Search: the words of a message's newest text (dev.parley.server.store.SearchIndexWords), made
-- into a tsvector with array_to_tsvector, which takes them as they are, so PostgreSQL's parser
-- and dictionaries never split or change a word and both stores match the same messages. Empty
-- for edits, deletes and deleted messages; NULL only for messages stored before this version,
-- until the server indexes them when it starts (PostgresStore).
ALTER TABLE messages ADD COLUMN words tsvector;
CREATE INDEX messages_words ON messages USING gin (words);

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
-- Finds the messages still to be indexed at once (empty once they are).
CREATE INDEX messages_unindexed ON messages(room, id) WHERE words IS NULL;
