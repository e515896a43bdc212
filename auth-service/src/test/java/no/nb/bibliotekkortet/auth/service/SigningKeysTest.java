package no.nb.bibliotekkortet.auth.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which key signs when, and that every configured key is published. */
class SigningKeysTest {

    private static String rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return Base64.getEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded());
    }

    @Test
    void theLatestKeyWhoseTimeHasComeSigns() throws Exception {
        Instant t = Instant.parse("2030-01-01T00:00:00Z");
        SigningKeys keys = new SigningKeys(Map.of(
                "a", new AbstractMap.SimpleEntry<>(rsa(2048), Instant.EPOCH),
                "b", new AbstractMap.SimpleEntry<>(rsa(2048), t)));
        assertEquals(2, keys.all().size(), "both published");
        assertEquals("a", keys.signingAt(t.minusSeconds(1)).keyId());
        assertEquals("b", keys.signingAt(t).keyId());
        assertEquals("RS256", keys.all().get(0).publicJwk().get("alg"));
        assertEquals("AQAB", keys.all().get(0).publicJwk().get("e"));
    }

    @Test
    void badKeysAreRefusedAtStartup() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new SigningKeys(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new SigningKeys(Map.of(
                "a", new AbstractMap.SimpleEntry<>("bm90LWEta2V5", Instant.EPOCH))));
        String small = rsa(1024);
        assertThrows(IllegalArgumentException.class, () -> new SigningKeys(Map.of(
                "a", new AbstractMap.SimpleEntry<>(small, Instant.EPOCH))));
        SigningKeys future = new SigningKeys(Map.of("a", new AbstractMap.SimpleEntry<>(rsa(2048), Instant.MAX)));
        assertThrows(IllegalStateException.class, () -> future.signingAt(Instant.now()));
    }
}
