package no.nb.bibliotekkortet.common.security;

/** What kind of organisation's system a Maskinporten client is (ARCHITECTURE.md, client registry). */
public enum ClientKind {
    /** A library system (Bibliofil, Koha, Quria …) acting for the libraries listed in its entry. */
    LIBRARY_SYSTEM,
    /** A partner service (film, e-book) that verifies cards without learning who the patron is (R18). */
    PARTNER,
    /** The door system of a self-service (meråpent) library (R2). */
    DOOR_SYSTEM,
    /** Biblioteksøk, the national search and inter-library loan service (R23). */
    ILL_SERVICE,
    /** The National Library's back office: may act for every library. */
    ADMIN,
    /** One of the register's own services: the only kind that may call {@code /internal/v1/...}. */
    SERVICE,
    /**
     * The register's first-party web site bibliotekkortet.no (a backend-for-frontend): logs patrons in with
     * card + PIN on their behalf and otherwise calls the API with the citizen's own token; never internal.
     */
    WEB_SITE
}
