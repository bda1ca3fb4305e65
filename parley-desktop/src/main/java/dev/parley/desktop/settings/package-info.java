/**
 * What the desktop client remembers between runs, in the user's own config directory: the
 * servers used, the last user, that user's login token and rooms, and the theme. Never a
 * password. Plain objects and files, no Swing.
 */
package dev.parley.desktop.settings;
