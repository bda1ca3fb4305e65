/**
 * The Swing windows of the desktop client: login, the chat window and its parts (room list,
 * conversation, composer, members, status bar), their renderers and menus. Everything here runs
 * on Swing's event thread.
 */
package dev.parley.desktop.ui;
