-- The cluster's name: every node on this database is one cluster, and its traffic between
-- nodes goes on Redis channels named by it, so two clusters sharing a Redis never meet.
CREATE TABLE cluster(id TEXT NOT NULL);
INSERT INTO cluster(id) VALUES (gen_random_uuid()::text);
