/**
 * Accounts and logging in: Argon2id password hashes, random bearer tokens kept only as hashes,
 * and the {@link dev.parley.server.auth.Authenticator} that decides a {@code hello} or {@code
 * register}. Everything here blocks and runs on the auth pool.
 */
package dev.parley.server.auth;
