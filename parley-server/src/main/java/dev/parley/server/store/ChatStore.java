package dev.parley.server.store;

/**
 * A backend's stores over one database: history and rooms (this), and the accounts beside them,
 * so the server and {@code parley user} open either backend the same way.
 */
public interface ChatStore extends MessageStore {

  /** Accounts and tokens, in the same database. */
  AccountStore accountStore();

  /**
   * The name of the cluster this database is the store of, made once with the database: nodes
   * on the same database are one cluster.
   */
  String clusterId();
}
