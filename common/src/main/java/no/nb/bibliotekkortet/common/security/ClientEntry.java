package no.nb.bibliotekkortet.common.security;

import java.util.Set;

/**
 * One entry of the client registry: which organisation system a Maskinporten {@code client_id} is, and
 * for which libraries (7-digit library numbers) or partner (partner id) it may act.
 */
public record ClientEntry(String clientId, ClientKind kind, String name, Set<String> libraryNumbers,
                          String partnerId, boolean active) {

    public ClientEntry {
        libraryNumbers = libraryNumbers == null ? Set.of() : Set.copyOf(libraryNumbers);
    }

    /** True when this client may act for the given library: admins for every library, others per entry. */
    public boolean mayActFor(String libraryNumber) {
        return active && (kind == ClientKind.ADMIN || libraryNumbers.contains(libraryNumber));
    }
}
