package no.nb.bibliotekkortet.common.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The roles an operation declares in {@code @RolesAllowed}: who it serves, by client kind and scope, or by citizen
 * login (ARCHITECTURE.md "An operation declares the client kinds it serves"; docs/security.md has the table).
 *
 * <p>A Maskinporten token is given, by {@link PermissionAugmentor}, the role {@code <KIND>} of its client registry
 * entry ({@link ClientKind}) and one role {@code <KIND>:<scope>} for each {@code bibliotekkortet:<scope>} it holds;
 * an unknown or deactivated client gets none. A scope alone therefore never grants an operation: a door system
 * holding {@code patrons.read} gets {@code DOOR_SYSTEM:patrons.read}, which no operation declares. An ID-porten
 * token gets {@link #CITIZEN} only at an accepted level ({@link LoginLevels}); an auth-service patron token gets
 * {@link #PATRON} only with a known {@code nlsso-loa-*} level.
 *
 * <p>The values are what the services' OpenAPI documents list under each operation's security requirement, and what
 * the authorization matrix test (system-tests) reads to decide which token each operation must accept.
 */
public final class Roles {

    /** A library system reading patrons, the change feed, webhooks; verifying a card at the desk. */
    public static final String LIBRARY_PATRONS_READ = "LIBRARY_SYSTEM:patrons.read";
    /** A library system registering and changing patrons, cards, activity, PIN resets. */
    public static final String LIBRARY_PATRONS_WRITE = "LIBRARY_SYSTEM:patrons.write";
    /** A library system managing its library's memberships and home-library moves. */
    public static final String LIBRARY_MEMBERSHIPS = "LIBRARY_SYSTEM:memberships";
    /** A library system ordering and reading its card-number series. */
    public static final String LIBRARY_SERIES = "LIBRARY_SYSTEM:series";
    /** A partner (film, e-book) verifying card + PIN, age checks, reporting use (R11, R18). */
    public static final String PARTNER_VERIFICATION = "PARTNER:partner.auth";
    /** A self-service library's door system asking whether a card opens the door (R2). */
    public static final String DOOR_ACCESS = "DOOR_SYSTEM:door";
    /**
     * The back office managing a library's memberships on its behalf (an ADMIN client may act for every library,
     * ARCHITECTURE.md "client registry").
     */
    public static final String BACK_OFFICE_MEMBERSHIPS = "ADMIN:memberships";
    /** Biblioteksøk authorising inter-library loans (R23). */
    public static final String ILL_AUTHORISATION = "ILL_SERVICE:ill";
    /** The National Library's back office: directory, client and partner registries, imports, merges, erasure. */
    public static final String BACK_OFFICE = "ADMIN:admin";
    /** One of the register's own services calling {@code /internal/v1/...} (with the internal audience). */
    public static final String SERVICE_INTERNAL = "SERVICE:internal";
    /** The first-party site bibliotekkortet.no (backend-for-frontend) logging patrons in with card + PIN. */
    public static final String WEB_SITE = "WEB_SITE";
    /** Any library system, whatever its scopes (reads of the public library directory). */
    public static final String LIBRARY_SYSTEM = "LIBRARY_SYSTEM";
    /** Any back-office client, whatever its scopes. */
    public static final String ADMIN = "ADMIN";
    /** Any of the register's own services, whatever its scopes. */
    public static final String SERVICE = "SERVICE";
    /** Biblioteksøk, whatever its scopes. */
    public static final String ILL_SERVICE = "ILL_SERVICE";
    /** Any partner, whatever its scopes. */
    public static final String PARTNER = "PARTNER";
    /** Any door system, whatever its scopes. */
    public static final String DOOR_SYSTEM = "DOOR_SYSTEM";

    /** A citizen logged in with ID-porten at {@code idporten-loa-substantial} or {@code idporten-loa-high}. */
    public static final String CITIZEN = "citizen";
    /** A patron logged in with card + PIN/password through auth-service ({@code nlsso-loa-low|substantial}). */
    public static final String PATRON = "patron";

    private Roles() {
    }

    /**
     * The roles of a registered, active Maskinporten client.
     *
     * @param kind   the client's kind from the registry
     * @param scopes the token's scopes without the {@code bibliotekkortet:} prefix (others are ignored by the caller)
     * @return {@code <KIND>} and {@code <KIND>:<scope>} for each scope, in a stable order
     */
    public static Set<String> of(ClientKind kind, Collection<String> scopes) {
        Set<String> roles = new LinkedHashSet<>();
        roles.add(kind.name());
        for (String scope : scopes) {
            roles.add(kind.name() + ":" + scope);
        }
        return roles;
    }
}
