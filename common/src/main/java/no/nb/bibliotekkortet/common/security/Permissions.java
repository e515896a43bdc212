package no.nb.bibliotekkortet.common.security;

/**
 * Role names used in {@code @RolesAllowed}. Maskinporten scopes map one to one: the scope
 * {@code bibliotekkortet:<name>} grants the role {@code <name>} (the table is in docs/security.md).
 * Citizens (ID-porten) get {@link #CITIZEN}; patrons logged in through auth-service get {@link #PATRON}.
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
    public static final String CITIZEN = "citizen";
    public static final String PATRON = "patron";

    private Permissions() {
    }
}
