package no.nb.bibliotekkortet.auth.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import no.nb.bibliotekkortet.auth.config.AuthConfig;

/**
 * Pairwise pseudonymous subjects for partners (R18; ARCHITECTURE.md privacy rules): a keyed hash
 * {@code base64url(HMAC-SHA256(key, partnerId + NUL + patronId))}, 43 characters. Stable for one partner
 * and patron, unrelated across partners, and not reversible without the key (from a Secret).
 */
@ApplicationScoped
public class PairwiseSubjects {

    private final SecretKeySpec key;

    public PairwiseSubjects(AuthConfig config) {
        byte[] bytes = Base64.getDecoder().decode(config.pairwise().key().strip());
        if (bytes.length < 32) {
            throw new IllegalStateException("auth.pairwise.key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /**
     * The subject of {@code patronId} for {@code partnerId}.
     *
     * @return 43 base64url characters
     */
    public String subject(String partnerId, String patronId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] out = mac.doFinal((partnerId + '\0' + patronId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
