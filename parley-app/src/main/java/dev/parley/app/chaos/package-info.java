/**
 * {@code parley chaos}: a fleet of library clients chatting in several rooms while a supervised
 * {@code parley serve} process (or, with {@code --nodes N}, the N nodes of a cluster on a
 * PostgreSQL database of the run's own and Redis) is killed, frozen and restarted on a seeded
 * schedule, and a cluster's Redis subscribers are dropped; a ledger of what was acknowledged and
 * delivered; the verdict (lost, duplicated, out of order, id gaps) and a cross-check of the
 * store. With {@code --sample-every} it doubles as the soak: the server's heap after a forced GC,
 * open file descriptors and threads, sampled over the run.
 */
package dev.parley.app.chaos;
