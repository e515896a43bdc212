package no.nb.bibliotekkortet.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JWT assertions for Maskinporten's JWT grant at the local mock server, which parses the assertion but does not
 * verify its signature: HS256 with a fixed local-only key is enough. The services themselves sign theirs with
 * their RSA key (quarkus-oidc-client), as Maskinporten requires.
 */
public final class LocalAssertions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] KEY = "local-only-assertion-key-never-used-in-prod".getBytes(StandardCharsets.UTF_8);

    private LocalAssertions() {
    }

    /** {@code claims} as a compact JWS (HS256, kid {@code local-only}). */
    public static String sign(ObjectNode claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        try {
            String signingInput = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"local-only\"}"
                    .getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(JSON.writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
