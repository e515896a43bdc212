package no.nb.bibliotekkortet.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BearerChallengeTest {

    private static final String API = "https://api.bibliotekkortet.no";
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private static String token(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void aWrongAudienceNamesTheExpectedOneAndNotTheTokens() {
        String challenge = BearerChallenge.forRefused(token("{\"aud\":\"https://other.example\",\"exp\":" + (NOW.getEpochSecond() + 60)
                + ",\"client_id\":\"secret-client\"}"), API, NOW);
        assertTrue(challenge.startsWith("Bearer realm=\"bibliotekkortet\", error=\"invalid_token\", error_description=\""), challenge);
        assertTrue(challenge.contains("audience must include " + API), challenge);
        assertFalse(challenge.contains("other.example") || challenge.contains("secret-client"), challenge);
    }

    @Test
    void anExpiredTokenSaysSo() {
        assertTrue(BearerChallenge.forRefused(token("{\"aud\":[\"" + API + "\"],\"exp\":" + (NOW.getEpochSecond() - 1) + "}"), API, NOW)
                .contains("expired"));
    }

    @Test
    void aTokenWithTheRightAudienceThatFailedIsUnverifiable() {
        assertTrue(BearerChallenge.forRefused(token("{\"aud\":[\"" + API + "\"],\"exp\":" + (NOW.getEpochSecond() + 60) + "}"), API, NOW)
                .contains("could not be verified"));
        assertTrue(BearerChallenge.forRefused("not.a-json.token", API, NOW).contains("could not be verified"));
    }

    @Test
    void noTokenHasNoErrorCodeAndQuotesAreNeverBroken() {
        assertEquals("Bearer realm=\"bibliotekkortet\"", BearerChallenge.NO_TOKEN);
        assertFalse(BearerChallenge.invalid("a \"quoted\" \\ text").contains("\\"));
    }
}
