package no.nb.bibliotekkortet.numberseries.service;

/**
 * Who performs a change, for the audit trail: {@code name} like {@code client:library-system-2030000}
 * and the client kind from the registry (LIBRARY_SYSTEM, PARTNER, ADMIN, SERVICE …, null when unknown).
 * Never personal data.
 */
public record Actor(String name, String kind) {
}
