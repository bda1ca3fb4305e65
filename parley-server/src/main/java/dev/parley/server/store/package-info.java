/**
 * The storage seams: {@link dev.parley.server.store.MessageStore} and {@link
 * dev.parley.server.store.AccountStore}, their value types, and {@link
 * dev.parley.server.store.GroupCommitter}, which turns many concurrent appends into one
 * transaction. Implementations live in sub-packages; nothing here knows SQL.
 */
package dev.parley.server.store;
