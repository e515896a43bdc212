package no.nb.bibliotekkortet.patron.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures (R15, push): {@code Bibliotekkortet-Signature: sha256=<hex>} where hex is the lower-case
 * HMAC-SHA256, keyed with the webhook secret's UTF-8 bytes, of {@code <timestamp>.<body>} — the value of the
 * {@code Bibliotekkortet-Timestamp} header (Unix seconds), a full stop, and the raw request body bytes (UTF-8
 * JSON). A receiver recomputes it over the body exactly as received, compares in constant time, and refuses a
 * timestamp older than its tolerance (e.g. 5 minutes) so that a captured delivery cannot be replayed later.
 *
 * <p>Every delivery is also signed as <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> (issue 16), so
 * that vendors can use a ready verifier: {@code webhook-id} ({@code chg_<changeId>}), {@code webhook-timestamp} and
 * {@code webhook-signature: v1,<base64>}; the verifier's key is {@link #standardKey} of the webhook secret.
 */
public final class WebhookSignatures {

    /** Header with the Unix time in seconds the delivery was signed. */
    public static final String TIMESTAMP_HEADER = "Bibliotekkortet-Timestamp";
    /** Header with {@code sha256=<hex>}. */
    public static final String SIGNATURE_HEADER = "Bibliotekkortet-Signature";
    /** Header with the delivery's change id (the feed's {@code changeId}): receivers deduplicate on it. */
    public static final String CHANGE_ID_HEADER = "Bibliotekkortet-Change-Id";

    /** Standard Webhooks: the message id ({@code chg_<changeId>}), the same in every retry of a delivery. */
    public static final String STANDARD_ID_HEADER = "webhook-id";
    /** Standard Webhooks: Unix seconds, the same value as {@link #TIMESTAMP_HEADER}. */
    public static final String STANDARD_TIMESTAMP_HEADER = "webhook-timestamp";
    /** Standard Webhooks: {@code v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">}. */
    public static final String STANDARD_SIGNATURE_HEADER = "webhook-signature";

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignatures() {
    }

    /** A new secret: 32 random bytes, base64url without padding (43 characters). */
    public static String newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Whether a client-chosen secret is acceptable: 32..128 printable ASCII characters without spaces. */
    public static boolean acceptableSecret(String secret) {
        return secret != null && secret.matches("[\\x21-\\x7E]{32,128}");
    }

    /** The {@code Bibliotekkortet-Signature} value for a body signed at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Standard Webhooks message id of a change's delivery. */
    public static String standardId(long changeId) {
        return "chg_" + changeId;
    }

    /**
     * The Standard Webhooks key of a webhook secret, as a vendor's verifier takes it: {@code whsec_} + base64 of the
     * secret's UTF-8 bytes (the register signs with those bytes, so the key is the secret, only encoded).
     */
    public static String standardKey(String secret) {
        return "whsec_" + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@code webhook-signature} value (Standard Webhooks, scheme v1): {@code v1,} + base64 of the HMAC-SHA256,
     * keyed with the secret's UTF-8 bytes, of {@code <id>.<timestamp>.<body>}.
     */
    public static String signStandard(String secret, String id, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((id + "." + epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a receiver does: true when {@code signature} matches and the timestamp is within {@code toleranceSeconds}
     * of {@code nowEpochSeconds}.
     */
    public static boolean verify(String secret, String timestampHeader, String body, String signature,
                                 long nowEpochSeconds, long toleranceSeconds) {
        if (timestampHeader == null || signature == null || !timestampHeader.matches("\\d{1,12}")) {
            return false;
        }
        long ts = Long.parseLong(timestampHeader);
        if (Math.abs(nowEpochSeconds - ts) > toleranceSeconds) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, ts, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
