package no.nb.bibliotekkortet.patron.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** HMAC-SHA256 over "timestamp.body" as documented for receivers. */
class WebhookSignaturesTest {

    @Test
    void knownVector() {
        // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'secret-secret-secret-secret-1234'
        assertEquals("sha256=1fb92d4ca3c895cf670f9541cd0ef8a2acfd8a5a0a3f9153b9c93c60c04a6252", WebhookSignatures.sign("secret-secret-secret-secret-1234", 1700000000L, "{\"a\":1}"));
    }

    @Test
    void standardWebhooksKnownVector() {
        // echo -n 'chg_7.1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'secret-secret-secret-secret-1234' -binary | base64
        assertEquals("v1,VIy0t840osKHc1u0oHt1NttnqZGUBmAJRflkFMbAPRE=",
                WebhookSignatures.signStandard("secret-secret-secret-secret-1234", "chg_7", 1700000000L, "{\"a\":1}"));
        assertEquals("chg_7", WebhookSignatures.standardId(7));
        assertEquals("whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ=",
                WebhookSignatures.standardKey("secret-secret-secret-secret-1234"));
    }

    @Test
    void verifyChecksBodyTimestampSecretAndAge() {
        String secret = WebhookSignatures.newSecret();
        String sig = WebhookSignatures.sign(secret, 1000, "{\"x\":1}");
        assertTrue(WebhookSignatures.verify(secret, "1000", "{\"x\":1}", sig, 1100, 300));
        assertFalse(WebhookSignatures.verify(secret, "1000", "{\"x\":2}", sig, 1100, 300));
        assertFalse(WebhookSignatures.verify(secret, "1001", "{\"x\":1}", sig, 1100, 300));
        assertFalse(WebhookSignatures.verify(WebhookSignatures.newSecret(), "1000", "{\"x\":1}", sig, 1100, 300));
        assertFalse(WebhookSignatures.verify(secret, "1000", "{\"x\":1}", sig, 1400, 300));
        assertFalse(WebhookSignatures.verify(secret, "abc", "{\"x\":1}", sig, 1100, 300));
    }

    @Test
    void secrets() {
        assertEquals(43, WebhookSignatures.newSecret().length());
        assertNotEquals(WebhookSignatures.newSecret(), WebhookSignatures.newSecret());
        assertTrue(WebhookSignatures.acceptableSecret("x".repeat(32)));
        assertFalse(WebhookSignatures.acceptableSecret("x".repeat(31)));
        assertFalse(WebhookSignatures.acceptableSecret("x".repeat(129)));
        assertFalse(WebhookSignatures.acceptableSecret("x".repeat(31) + " "));
    }
}
