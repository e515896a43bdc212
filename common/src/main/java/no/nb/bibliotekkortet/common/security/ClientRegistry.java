package no.nb.bibliotekkortet.common.security;

import java.util.Optional;

/**
 * Looks up client registry entries by Maskinporten {@code client_id}. Every service reads the registry
 * through this one interface; the source behind it (a committed file, or membership-service's table)
 * is configuration.
 */
public interface ClientRegistry {

    /** The entry for {@code clientId}, or empty when the client is unknown. */
    Optional<ClientEntry> find(String clientId);

    /**
     * What {@link #find} answers for {@code clientId} when this registry holds the answer in memory right now (no
     * database, no remote call), so that a caller on the event loop may use it there instead of moving to a worker
     * thread; empty when it does not (then call {@link #find} off the event loop). Default: empty.
     */
    default Optional<Optional<ClientEntry>> findInMemory(String clientId) {
        return Optional.empty();
    }
}
