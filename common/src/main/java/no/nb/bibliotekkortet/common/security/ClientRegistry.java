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
}
