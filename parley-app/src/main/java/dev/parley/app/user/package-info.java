/** {@code parley user}: operators manage accounts in a data directory, server running or not. */
package dev.parley.app.user;
