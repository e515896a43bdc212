package no.nb.bibliotekkortet.auth.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The rules of one-time codes (R16), free of I/O: 6 digits from {@link SecureRandom}; stored only as
 * {@code HMAC-SHA256(key, otpId ‖ code)} (a plain hash of 10^6 possible codes would be reversed at once);
 * single use; bound to patron and purpose; dead after {@code maxWrongTries} wrong tries; expired at
 * {@code expiresAt}.
 *
 * <p>Order of the checks when a code is consumed: unknown id or another patron → INVALID (not counted: it
 * must not let anyone burn another patron's code); USED; EXPIRED; TOO_MANY_TRIES; WRONG_PURPOSE; then the
 * code itself (constant-time comparison) → INVALID and one more wrong try, or consumed.
 */
public final class OneTimeCodePolicy {

    /** A stored code as the policy needs it. */
    public record Stored(UUID otpId, String patronId, Purpose purpose, byte[] codeHash, Instant expiresAt,
                         int wrongTries, Instant consumedAt) {
    }

    /** The decision on one consumption: {@code reason} null = consumed; {@code countWrongTry} = add one wrong try. */
    public record Decision(OtpReason reason, boolean countWrongTry) {
        public boolean consumed() {
            return reason == null;
        }
    }

    private static final Pattern CODE = Pattern.compile("\\d{6}");

    private final SecureRandom random;
    private final SecretKeySpec key;
    private final int maxWrongTries;

    /**
     * @param key           HMAC-SHA256 key (at least 32 bytes)
     * @param maxWrongTries wrong tries after which a code is dead (e.g. 5)
     */
    public OneTimeCodePolicy(byte[] key, int maxWrongTries, SecureRandom random) {
        if (key.length < 32 || maxWrongTries < 1) {
            throw new IllegalArgumentException("OTP key must have at least 32 bytes and max wrong tries be >= 1");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.maxWrongTries = maxWrongTries;
        this.random = random;
    }

    /** A new code: 6 decimal digits, uniformly from a secure random generator (leading zeros kept). */
    public String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    /** {@code HMAC-SHA256(key, 16 bytes of otpId ‖ UTF-8(code))}, 32 bytes. */
    public byte[] hash(UUID otpId, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(ByteBuffer.allocate(16).putLong(otpId.getMostSignificantBits())
                    .putLong(otpId.getLeastSignificantBits()).array());
            return mac.doFinal(code.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /**
     * Decides one consumption attempt.
     *
     * @param stored   the stored code, or null when the id is unknown
     * @param patronId the patron the caller acts for
     * @param purpose  the purpose the caller wants the code for
     * @param code     the code as given by the patron (anything; null = wrong)
     * @param now      the current instant
     */
    public Decision decide(Stored stored, String patronId, Purpose purpose, String code, Instant now) {
        if (stored == null || !stored.patronId().equals(patronId)) {
            return new Decision(OtpReason.INVALID, false);
        }
        if (stored.consumedAt() != null) {
            return new Decision(OtpReason.USED, false);
        }
        if (!now.isBefore(stored.expiresAt())) {
            return new Decision(OtpReason.EXPIRED, false);
        }
        if (stored.wrongTries() >= maxWrongTries) {
            return new Decision(OtpReason.TOO_MANY_TRIES, false);
        }
        if (stored.purpose() != purpose) {
            return new Decision(OtpReason.WRONG_PURPOSE, false);
        }
        boolean matches = code != null && CODE.matcher(code).matches()
                && MessageDigest.isEqual(stored.codeHash(), hash(stored.otpId(), code));
        return matches ? new Decision(null, false) : new Decision(OtpReason.INVALID, true);
    }
}
