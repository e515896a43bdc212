package no.nb.bibliotekkortet.auth.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import no.nb.bibliotekkortet.auth.domain.OneTimeCodePolicy;
import no.nb.bibliotekkortet.auth.domain.OtpReason;
import no.nb.bibliotekkortet.auth.domain.Purpose;
import org.junit.jupiter.api.Test;

/** The one-time-code rules without I/O. */
class OneTimeCodePolicyTest {

    private static final byte[] KEY = new byte[32];
    private final OneTimeCodePolicy policy = new OneTimeCodePolicy(KEY, 5, new SecureRandom());
    private final Instant now = Instant.parse("2026-01-01T12:00:00Z");
    private final UUID id = UUID.randomUUID();

    private OneTimeCodePolicy.Stored stored(String code, Purpose purpose, int wrong, Instant consumed) {
        return new OneTimeCodePolicy.Stored(id, "p1", purpose, policy.hash(id, code), now.plusSeconds(600), wrong,
                consumed);
    }

    @Test
    void codesAreSixDigitsAndVary() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String c = policy.newCode();
            assertTrue(c.matches("\\d{6}"), c);
            seen.add(c);
        }
        assertTrue(seen.size() > 190);
    }

    @Test
    void theHashIsKeyedAndBoundToTheId() {
        byte[] h = policy.hash(id, "123456");
        assertEquals(32, h.length);
        assertFalse(Arrays.equals(h, policy.hash(UUID.randomUUID(), "123456")));
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertFalse(Arrays.equals(h, new OneTimeCodePolicy(otherKey, 5, new SecureRandom()).hash(id, "123456")));
        assertArrayEquals(h, policy.hash(id, "123456"));
        assertThrows(IllegalArgumentException.class, () -> new OneTimeCodePolicy(new byte[16], 5, new SecureRandom()));
    }

    @Test
    void decisions() {
        var s = stored("123456", Purpose.CHANGE_PIN, 0, null);
        assertNull(policy.decide(s, "p1", Purpose.CHANGE_PIN, "123456", now).reason());
        assertEquals(OtpReason.INVALID, policy.decide(null, "p1", Purpose.CHANGE_PIN, "123456", now).reason());
        var otherPatron = policy.decide(s, "p2", Purpose.CHANGE_PIN, "123456", now);
        assertEquals(OtpReason.INVALID, otherPatron.reason());
        assertFalse(otherPatron.countWrongTry(), "another patron cannot burn the code");
        assertEquals(OtpReason.WRONG_PURPOSE, policy.decide(s, "p1", Purpose.LOGIN, "123456", now).reason());
        var wrong = policy.decide(s, "p1", Purpose.CHANGE_PIN, "123457", now);
        assertEquals(OtpReason.INVALID, wrong.reason());
        assertTrue(wrong.countWrongTry());
        assertTrue(policy.decide(s, "p1", Purpose.CHANGE_PIN, null, now).countWrongTry());
        assertEquals(OtpReason.EXPIRED, policy.decide(s, "p1", Purpose.CHANGE_PIN, "123456", now.plusSeconds(600)).reason());
        assertNull(policy.decide(s, "p1", Purpose.CHANGE_PIN, "123456", now.plusSeconds(599)).reason());
        assertEquals(OtpReason.USED, policy.decide(stored("123456", Purpose.CHANGE_PIN, 0, now), "p1",
                Purpose.CHANGE_PIN, "123456", now).reason());
        assertEquals(OtpReason.TOO_MANY_TRIES, policy.decide(stored("123456", Purpose.CHANGE_PIN, 5, null), "p1",
                Purpose.CHANGE_PIN, "123456", now).reason());
        assertNull(policy.decide(stored("123456", Purpose.CHANGE_PIN, 4, null), "p1", Purpose.CHANGE_PIN, "123456",
                now).reason());
    }
}
