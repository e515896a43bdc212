package no.nb.bibliotekkortet.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Only the three known OIDC tenants give roles; anything else gets none. */
class PermissionAugmentorTest {

    @Test
    void tenantsMapToTokenKinds() {
        assertEquals(TokenKind.MASKINPORTEN, PermissionAugmentor.tokenKind("maskinporten"));
        assertEquals(TokenKind.IDPORTEN, PermissionAugmentor.tokenKind("idporten"));
        assertEquals(TokenKind.PATRON, PermissionAugmentor.tokenKind("patron"));
        assertNull(PermissionAugmentor.tokenKind("Default"));
        assertNull(PermissionAugmentor.tokenKind(null));
    }
}
