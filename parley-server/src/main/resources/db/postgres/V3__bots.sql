-- Bots: an account may be a bot's, and a message records whether its sender's was, so that
-- replay and history say so as the live message did (docs/bots.md). Columns with a constant
-- default are added without rewriting the table.
ALTER TABLE accounts ADD COLUMN bot BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE messages ADD COLUMN bot BOOLEAN NOT NULL DEFAULT false;
