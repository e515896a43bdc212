package no.nb.bibliotekkortet.patron.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Identity numbers at rest (ARCHITECTURE.md, privacy rules): AES-256-GCM encryption under a key with an id
 * (stored beside the ciphertext, so keys can be rotated) and an HMAC-SHA256 keyed hash for exact lookup
 * (unique per person through a PostgreSQL constraint). Keys are base64 256-bit values from configuration
 * (Kubernetes Secret in production; test keys only in the %test and %dev profiles).
 */
@ApplicationScoped
public class IdentityVault {

    /** Ciphertext with the id of the key that made it. */
    public record Sealed(String keyId, byte[] ciphertext) {
    }

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final SecretKeySpec hashKey;
    private final SecureRandom random = new SecureRandom();

    public IdentityVault(@ConfigProperty(name = "register.identity.key-id") String keyId,
                         @ConfigProperty(name = "register.identity.key") String key,
                         @ConfigProperty(name = "register.identity.previous-keys") Optional<String> previousKeys,
                         @ConfigProperty(name = "register.identity.hash-key") String hashKey) {
        this.currentKeyId = keyId;
        keys.put(keyId, aesKey(key));
        previousKeys.ifPresent(list -> {
            for (String entry : list.split(",")) {
                String[] parts = entry.trim().split(":", 2);
                if (parts.length == 2) {
                    keys.putIfAbsent(parts[0], aesKey(parts[1]));
                }
            }
        });
        byte[] hashBytes = Base64.getDecoder().decode(hashKey);
        if (hashBytes.length < 32) {
            throw new IllegalStateException("register.identity.hash-key must be at least 256 bits");
        }
        this.hashKey = new SecretKeySpec(hashBytes, "HmacSHA256");
    }

    /** The keyed hash (HMAC-SHA256, 32 bytes) of an identity number: the lookup and uniqueness key. */
    public byte[] hash(String identityNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return mac.doFinal(identityNumber.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** Encrypts under the current key: ciphertext = 12-byte random IV ‖ AES-GCM output (incl. 16-byte tag). */
    public Sealed seal(String identityNumber) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(currentKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] out = cipher.doFinal(identityNumber.getBytes(StandardCharsets.US_ASCII));
            byte[] result = Arrays.copyOf(iv, IV_BYTES + out.length);
            System.arraycopy(out, 0, result, IV_BYTES, out.length);
            return new Sealed(currentKeyId, result);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * Decrypts a value sealed by {@link #seal} under any configured key.
     *
     * @throws IllegalStateException when the key id is unknown or the ciphertext was tampered with
     */
    public String open(Sealed sealed) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("Unknown identity key id " + sealed.keyId());
        }
        try {
            byte[] data = sealed.ciphertext();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            cipher.updateAAD(sealed.keyId().getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Identity number could not be decrypted", e);
        }
    }

    private static SecretKeySpec aesKey(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64.trim());
        if (bytes.length != 32) {
            throw new IllegalStateException("Identity encryption keys must be 256-bit (base64 of 32 bytes)");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
