package no.nb.bibliotekkortet.patron;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import no.nb.bibliotekkortet.common.security.VerifiedTokens;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.TestDb;
import no.nb.bibliotekkortet.patron.support.TestIdentities;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cache of verified tokens (common's VerifiedTokens) on the card lookup, with real tokens of the mock OIDC
 * server: once a token is cached, every refusal still holds — a token differing from it in one byte (header, payload
 * or signature), expired, for another audience, from an untrusted issuer, signed with an unknown key or not signed —
 * and roles are still given per request. The refusal after {@code exp} of a cached token: TokenCacheExpiryTest.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class TokenCacheTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestDb db;

    @Inject
    VerifiedTokens verified;

    private String card;
    private String token;

    /** A patron, and a fresh token that has looked it up once: from here on the token is served from the cache. */
    @BeforeEach
    void warmTheCache() {
        db.clean();
        PatronApi.resetStubs();
        card = PatronApi.registered(TestIdentities.synthetic());
        token = Tokens.maskinporten(PatronApi.OSLO_CLIENT, "patrons.read");
        lookup(token).statusCode(200);
        assertTrue(verified.find(token).isPresent(), "the token is cached after its first use");
        long served = verified.servedCount();
        lookup(token).statusCode(200).body("member", org.hamcrest.Matchers.equalTo(true));
        assertEquals(served + 1, verified.servedCount(), "the second lookup is authenticated from the cache");
    }

    @Test
    void aTokenDifferingInOneByteFromACachedOneIsRefused() {
        String[] parts = token.split("\\.");
        lookup(flipOneCharacter(token, parts[0].length() / 2)).statusCode(401);
        lookup(flipOneCharacter(token, parts[0].length() + 1 + parts[1].length() / 2)).statusCode(401);
        lookup(flipOneCharacter(token, token.length() - 10)).statusCode(401);
        lookup(token.substring(0, token.length() - 1)).statusCode(401);
        lookup(Tokens.tampered(token, "client_id", PatronApi.BERGEN_CLIENT)).statusCode(401);
        lookup(Tokens.tampered(token, "scope", "bibliotekkortet:patrons.read bibliotekkortet:patrons.write")).statusCode(401);
        lookup(Tokens.tampered(token, "exp", 4_000_000_000L)).statusCode(401);
        lookup(token).statusCode(200);
    }

    @Test
    void expiredWrongAudienceUnknownIssuerUnknownKeyAndUnsignedAreRefused() throws Exception {
        lookup(Tokens.expired(PatronApi.OSLO_CLIENT, "patrons.read")).statusCode(401);
        lookup(Tokens.wrongAudience(PatronApi.OSLO_CLIENT, "patrons.read")).statusCode(401);
        lookup(Tokens.internalAudience(PatronApi.OSLO_CLIENT, "patrons.read")).statusCode(401);
        lookup(Tokens.unknownIssuer(PatronApi.OSLO_CLIENT, "patrons.read")).statusCode(401);
        lookup(Tokens.algNone(token)).statusCode(401);
        lookup(signedWithAnUnknownKey(token, "unknown-key")).statusCode(401);
        lookup(signedWithAnUnknownKey(token, header(token).path("kid").asText())).statusCode(401);
        lookup(token).statusCode(200);
    }

    @Test
    void rolesAreStillGivenPerRequest() {
        String write = Tokens.maskinporten(PatronApi.OSLO_CLIENT, "patrons.write");
        lookup(write).statusCode(403);
        lookup(write).statusCode(403);
        given().auth().oauth2(token).header("Library-Number", PatronApi.BERGEN).get("/api/v1/patrons/" + card)
                .then().statusCode(403);
    }

    private io.restassured.response.ValidatableResponse lookup(String bearer) {
        return given().auth().oauth2(bearer).header("Library-Number", OSLO).get("/api/v1/patrons/" + card).then();
    }

    /** The token with the character at {@code index} replaced by another base64url character. */
    private static String flipOneCharacter(String token, int index) {
        char[] chars = token.toCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    private static ObjectNode header(String token) throws java.io.IOException {
        return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
    }

    /** The same header and claims (issuer, audience, scopes, exp), RS256-signed with a new key and {@code kid}. */
    private static String signedWithAnUnknownKey(String token, String kid) throws Exception {
        ObjectNode header = header(token).put("kid", kid).put("alg", "RS256");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(JSON.writeValueAsBytes(header)) + "." + token.split("\\.")[1];
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(rsa.sign());
    }
}
