/**
 * The PostgreSQL store ({@code serve --postgres URL}): the same tables as the embedded store,
 * reached through a HikariCP pool, with the schema created and upgraded by Flyway at start.
 * Several nodes may share one database: every counter (room ids, account ids, the accounts'
 * change log) is a row updated in the transaction that uses it, never a node's memory.
 */
package dev.parley.server.store.postgres;
