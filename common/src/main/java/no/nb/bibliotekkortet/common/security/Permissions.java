package no.nb.bibliotekkortet.common.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The register's Maskinporten scopes, without their {@code bibliotekkortet:} prefix (the table is in
 * docs/security.md). A scope alone grants nothing: operations declare {@link Roles}, which combine the client's
 * kind with a scope.
 *
 * <p>{@link #DESCRIPTIONS} is the one list of every scope: api-contract's {@code ContractAssembler} writes it into
 * the contract's security scheme and system-tests' authorization matrix and fuzz test ask for all of them. This
 * class is plain Java (no import outside the JDK) so that those two modules use it without common's dependencies.
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

    /** Every scope, in the contract's order, with what it lets a client do (the contract's scope descriptions). */
    public static final Map<String, String> DESCRIPTIONS = descriptions();

    private Permissions() {
    }

    private static Map<String, String> descriptions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(PATRONS_READ, "look patrons up, read the change feed, manage the webhook");
        d.put(PATRONS_WRITE, "register and update patrons, cards, activity");
        d.put(MEMBERSHIPS, "add and activate memberships, move home libraries, list members");
        d.put(SERIES, "order and list card-number series");
        d.put(ILL, "authorise inter-library loans (Biblioteksøk)");
        d.put(PARTNER_AUTH, "verify card + PIN and ages (partners)");
        d.put(DOOR, "self-service door access");
        d.put(ADMIN, "the National Library's back office");
        d.put(INTERNAL, "service-to-service calls (internal document only; internal audience)");
        return java.util.Collections.unmodifiableMap(d);
    }
}
