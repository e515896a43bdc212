package no.nb.bibliotekkortet.common.security;

/**
 * The register's Maskinporten scopes, without their {@code bibliotekkortet:} prefix (the table is in
 * docs/security.md). A scope alone grants nothing: operations declare {@link Roles}, which combine the client's
 * kind with a scope.
 */
public final class Permissions {
    public static final String SCOPE_PREFIX = "bibliotekkortet:";

    public static final String PATRONS_READ = "patrons.read";
    public static final String PATRONS_WRITE = "patrons.write";
    public static final String MEMBERSHIPS = "memberships";
    public static final String SERIES = "series";
    public static final String ILL = "ill";
    public static final String PARTNER_AUTH = "partner.auth";
    public static final String DOOR = "door";
    public static final String ADMIN = "admin";
    public static final String INTERNAL = "internal";

    private Permissions() {
    }
}
