package no.nb.bibliotekkortet.auth.domain;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Argon2id over a peppered secret, without any Quarkus wiring: {@code Argon2id(HMAC-SHA256(pepper[keyId],
 * UTF-8(secret)), salt)} with a 32-byte output, using the native reference implementation through
 * argon2-jvm. The pepper never leaves the service, so a stolen database alone cannot be brute-forced.
 */
public final class PepperedArgon2 {

    /** What a hash was made with; stored beside it so that parameters can be raised later. */
    public record Parameters(int memoryKib, int iterations, int parallelism, String pepperKeyId) {
        /** True when this is at least as strong as {@code target} and uses its pepper key. */
        public boolean satisfies(Parameters target) {
            return memoryKib >= target.memoryKib && iterations >= target.iterations
                    && parallelism >= target.parallelism && pepperKeyId.equals(target.pepperKeyId);
        }
    }

    /** A stored hash: output, salt and parameters. */
    public record Hash(byte[] hash, byte[] salt, Parameters parameters) {
    }

    private static final Argon2Advanced ARGON2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);
    private static final int MIN_KEY_BYTES = 32;

    private final Map<String, SecretKeySpec> keys = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final int saltBytes;

    /**
     * @param base64Keys pepper keys by key id (base64, at least 32 bytes each)
     * @param saltBytes  salt length for new hashes
     * @throws IllegalArgumentException for a short or malformed key
     */
    public PepperedArgon2(Map<String, String> base64Keys, int saltBytes) {
        base64Keys.forEach((id, value) -> {
            byte[] key = Base64.getDecoder().decode(value.strip());
            if (key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("Pepper key " + id + " is shorter than 32 bytes");
            }
            keys.put(id, new SecretKeySpec(key, "HmacSHA256"));
        });
        this.saltBytes = saltBytes;
    }

    /**
     * Hashes {@code secret} with a fresh salt (blocks the calling thread for one Argon2id run).
     *
     * @throws IllegalArgumentException when the pepper key id is unknown
     */
    public Hash hash(String secret, Parameters parameters) {
        byte[] salt = new byte[saltBytes];
        random.nextBytes(salt);
        return new Hash(compute(secret, salt, parameters), salt, parameters);
    }

    /**
     * Whether {@code secret} matches {@code stored} (constant-time comparison; one Argon2id run).
     * A null or empty secret never matches, but the hash is still computed so that the time is the same.
     */
    public boolean matches(String secret, Hash stored) {
        boolean empty = secret == null || secret.isEmpty();
        byte[] actual = compute(empty ? "\0" : secret, stored.salt(), stored.parameters());
        return MessageDigest.isEqual(actual, stored.hash()) && !empty;
    }

    private byte[] compute(String secret, byte[] salt, Parameters p) {
        SecretKeySpec key = keys.get(p.pepperKeyId());
        if (key == null) {
            throw new IllegalArgumentException("Unknown pepper key id " + p.pepperKeyId());
        }
        byte[] peppered;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            peppered = mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return ARGON2.rawHash(p.iterations(), p.memoryKib(), p.parallelism(), peppered, salt);
    }
}
