package no.nb.bibliotekkortet.auth.service;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * auth-service's RSA signing keys for patron tokens, by key id, with rotation by time (R16, R17): every
 * configured key is published in the JWKS; the key that signs at an instant is, among the keys whose
 * {@code signsFrom} has passed, the one with the latest {@code signsFrom} (ties: the greater key id).
 * So a new key is added with a {@code signsFrom} in the future — it is published at once and signs
 * only from then on — and an old key is removed only after the last token it signed has expired.
 */
public final class SigningKeys {

    /** One key: id, private key (CRT form, so the public half is known), and from when it signs. */
    public record Key(String keyId, RSAPrivateCrtKey privateKey, Instant signsFrom) {
        /** Public JWK ({@code kty RSA, use sig, alg RS256, kid, n, e}). */
        public Map<String, String> publicJwk() {
            Map<String, String> jwk = new LinkedHashMap<>();
            jwk.put("kty", "RSA");
            jwk.put("use", "sig");
            jwk.put("alg", "RS256");
            jwk.put("kid", keyId);
            jwk.put("n", base64url(privateKey.getModulus()));
            jwk.put("e", base64url(privateKey.getPublicExponent()));
            return jwk;
        }
    }

    private final List<Key> keys;

    /**
     * @param encoded key id → (base64 PKCS#8 DER RSA private key, signs-from)
     * @throws IllegalArgumentException when there is no key, a key does not parse, is not RSA with CRT
     *                                  parameters, or is shorter than 2048 bits
     */
    public SigningKeys(Map<String, Map.Entry<String, Instant>> encoded) {
        if (encoded.isEmpty()) {
            throw new IllegalArgumentException("auth.tokens.keys: at least one signing key is required");
        }
        List<Key> parsed = new ArrayList<>();
        encoded.forEach((kid, e) -> parsed.add(new Key(kid, parse(kid, e.getKey()), e.getValue())));
        parsed.sort(Comparator.comparing(Key::keyId));
        this.keys = List.copyOf(parsed);
    }

    /** Every configured key (all are published). */
    public List<Key> all() {
        return keys;
    }

    /**
     * The key that signs at {@code now}.
     *
     * @throws IllegalStateException when no key's {@code signsFrom} has passed
     */
    public Key signingAt(Instant now) {
        return keys.stream().filter(k -> !k.signsFrom().isAfter(now))
                .max(Comparator.comparing(Key::signsFrom).thenComparing(Key::keyId))
                .orElseThrow(() -> new IllegalStateException("No signing key is valid yet"));
    }

    private static RSAPrivateCrtKey parse(String kid, String base64) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64);
            if (!(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der))
                    instanceof RSAPrivateCrtKey key)) {
                throw new IllegalArgumentException("auth.tokens.keys." + kid + ": not an RSA key with CRT parameters");
            }
            if (key.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("auth.tokens.keys." + kid + ": RSA keys need at least 2048 bits");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("auth.tokens")) {
                throw iae;
            }
            throw new IllegalArgumentException("auth.tokens.keys." + kid + ": not a base64 PKCS#8 RSA private key");
        }
    }

    private static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
