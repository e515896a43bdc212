package no.nb.bibliotekkortet.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 14: roles combine a client's kind with a scope; personal logins only at accepted levels. */
class RolesTest {

    @Test
    void aClientGetsItsKindAndOneKindQualifiedRolePerScope() {
        assertEquals(Set.of("DOOR_SYSTEM", "DOOR_SYSTEM:patrons.read", "DOOR_SYSTEM:door"),
                Roles.of(ClientKind.DOOR_SYSTEM, List.of("patrons.read", "door")));
        assertFalse(Roles.of(ClientKind.DOOR_SYSTEM, List.of("patrons.read")).contains(Roles.LIBRARY_PATRONS_READ));
        assertFalse(Roles.of(ClientKind.WEB_SITE, List.of("admin", "internal")).contains(Roles.BACK_OFFICE));
        assertFalse(Roles.of(ClientKind.ADMIN, List.of("internal")).contains(Roles.SERVICE_INTERNAL));
        assertTrue(Roles.of(ClientKind.SERVICE, List.of("internal")).contains(Roles.SERVICE_INTERNAL));
    }

    /** Every kind-qualified constant names a real kind and a real scope, so that a typo cannot declare nobody. */
    @Test
    void everyDeclaredRoleNamesAKnownKindAndScope() throws Exception {
        Set<String> scopes = Set.of(Permissions.PATRONS_READ, Permissions.PATRONS_WRITE, Permissions.MEMBERSHIPS,
                Permissions.SERIES, Permissions.ILL, Permissions.PARTNER_AUTH, Permissions.DOOR, Permissions.ADMIN,
                Permissions.INTERNAL);
        for (Field f : Roles.class.getFields()) {
            String role = (String) f.get(null);
            if (role.equals(Roles.CITIZEN) || role.equals(Roles.PATRON)) {
                continue;
            }
            String[] parts = role.split(":");
            ClientKind.valueOf(parts[0]);
            if (parts.length == 2) {
                assertTrue(scopes.contains(parts[1]), role);
            }
        }
    }

    @Test
    void onlyKnownLoginLevelsAreAccepted() {
        assertTrue(LoginLevels.accepted(TokenKind.IDPORTEN, "idporten-loa-substantial"));
        assertTrue(LoginLevels.accepted(TokenKind.IDPORTEN, "idporten-loa-high"));
        assertFalse(LoginLevels.accepted(TokenKind.IDPORTEN, "idporten-loa-low"));
        assertFalse(LoginLevels.accepted(TokenKind.IDPORTEN, "Level4"));
        assertFalse(LoginLevels.accepted(TokenKind.IDPORTEN, null));
        assertFalse(LoginLevels.accepted(TokenKind.IDPORTEN, "nlsso-loa-low"));
        assertTrue(LoginLevels.accepted(TokenKind.PATRON, "nlsso-loa-low"));
        assertFalse(LoginLevels.accepted(TokenKind.PATRON, "idporten-loa-high"));
        assertFalse(LoginLevels.accepted(TokenKind.MASKINPORTEN, "idporten-loa-high"));
    }
}
