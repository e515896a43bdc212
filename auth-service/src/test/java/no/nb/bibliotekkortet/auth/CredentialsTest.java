package no.nb.bibliotekkortet.auth;

import static no.nb.bibliotekkortet.auth.support.Fixtures.PIN;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.auth.config.AuthConfig;
import no.nb.bibliotekkortet.auth.domain.PepperedArgon2;
import no.nb.bibliotekkortet.auth.support.AuthTestBase;
import no.nb.bibliotekkortet.auth.support.Fixtures;
import no.nb.bibliotekkortet.auth.support.Fixtures.TestPatron;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.Test;

/** Credentials: internal set, staff reset, storage as peppered Argon2id, rehash, erasure (issue 6). */
@QuarkusTest
class CredentialsTest extends AuthTestBase {

    @Inject
    AgroalDataSource db;

    @Inject
    AuthConfig config;

    private static String path(String id) {
        return "/internal/v1/patrons/" + id + "/credentials";
    }

    @Test
    void internalSetNeedsTheInternalScopeAndValidSecrets() {
        String id = UUID.randomUUID().toString();
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("pin", PIN)).put(path(id))
                .then().statusCode(401);
        // A public-audience token is refused on /internal (audience check): 401.
        Fixtures.as("patron-service", "internal").body(Map.of("pin", PIN)).put(path(id)).then().statusCode(401);
        io.restassured.RestAssured.given().auth().oauth2(Tokens.wrongAudience("patron-service", "internal"))
                .contentType("application/json").body(Map.of("pin", PIN)).put(path(id)).then().statusCode(401);
        Fixtures.internal().body(Map.of("pin", "12a4")).put(path(id)).then().statusCode(400).body("field", equalTo("pin"));
        Fixtures.internal().body(Map.of("pin", "1234567")).put(path(id)).then().statusCode(400).body("field", equalTo("pin"));
        Fixtures.internal().body(Map.of()).put(path(id)).then().statusCode(400).body("field", equalTo("pin"));
        for (String trivial : List.of("0000", "1234", "1111", "2580", "654321")) {
            Fixtures.internal().body(Map.of("pin", trivial)).put(path(id)).then().statusCode(422)
                    .body("field", equalTo("pin")).body("rule", equalTo("not a trivial PIN"));
        }
        Fixtures.internal().body(Map.of("pin", PIN, "password", "kort")).put(path(id)).then().statusCode(422)
                .body("field", equalTo("password")).body("rule", equalTo("10-256 characters"));
        Fixtures.internal().body(Map.of("pin", PIN, "password", "Password123")).put(path(id)).then().statusCode(422)
                .body("field", equalTo("password")).body("rule", equalTo("not a common password"));
        Fixtures.internal().body(Map.of("pin", PIN, "colour", "red")).put(path(id)).then().statusCode(400);
        Fixtures.internal().body(Map.of("pin", 4827)).put(path(id)).then().statusCode(400);
        Fixtures.internal().body(Map.of("pin", PIN)).put(path("bad id!")).then().statusCode(400).body("field", equalTo("id"));
        Fixtures.internal().body(Map.of("pin", PIN)).put(path(id)).then().statusCode(204);
        Fixtures.internal().body(Map.of("pin", PIN)).put(path(id)).then().statusCode(204);
    }

    @Test
    void storedOnlyAsPepperedArgon2idAtOrAboveOwaspMinimum() throws Exception {
        TestPatron p = Fixtures.patron(java.time.LocalDate.of(1990, 1, 1), "IDENTITY_NUMBER", true);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select kind, hash, salt, memory_kib, iterations, parallelism, pepper_key_id from secret_hash where patron_id = ?")) {
            s.setString(1, p.patronId());
            ResultSet rs = s.executeQuery();
            int rows = 0;
            while (rs.next()) {
                rows++;
                assertTrue(rs.getInt("memory_kib") >= 19456);
                assertTrue(rs.getInt("iterations") >= 2);
                assertTrue(rs.getInt("parallelism") >= 1);
                assertEquals(32, rs.getBytes("hash").length);
                assertEquals(16, rs.getBytes("salt").length);
                assertEquals("k1", rs.getString("pepper_key_id"));
                String asText = new String(rs.getBytes("hash"), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(asText.contains(PIN));
            }
            assertEquals(2, rows);
        }
    }

    @Test
    void aHashWithAnOldPepperKeyOrWeakerParametersIsRehashedOnTheNextSuccess() throws Exception {
        TestPatron p = Fixtures.patron();
        PepperedArgon2 old = new PepperedArgon2(config.pepper().keys(), 16);
        PepperedArgon2.Hash h = old.hash(PIN, new PepperedArgon2.Parameters(19456, 2, 1, "k0"));
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "update secret_hash set hash = ?, salt = ?, pepper_key_id = 'k0' where patron_id = ? and kind = 'PIN'")) {
            s.setBytes(1, h.hash());
            s.setBytes(2, h.salt());
            s.setString(3, p.patronId());
            assertEquals(1, s.executeUpdate());
        }
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", "9999").body("valid", equalTo(false));
        assertEquals("k0", keyId(p));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("valid", equalTo(true));
        assertEquals("k1", keyId(p));
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", PIN).body("valid", equalTo(true));
    }

    private String keyId(TestPatron p) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select pepper_key_id from secret_hash where patron_id = ? and kind = 'PIN'")) {
            s.setString(1, p.patronId());
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void staffResetNeedsScopeLibraryAndAnActiveMembership() {
        TestPatron p = Fixtures.patron();
        Map<String, String> body = Map.of("cardNumber", p.cardNumber(), "pin", "5816");
        String path = "/api/v1/patron-credentials/resets";
        io.restassured.RestAssured.given().contentType("application/json").body(body).post(path).then().statusCode(401);
        Fixtures.as("library-system-2030000", "patrons.read").header("Library-Number", Fixtures.OSLO).body(body)
                .post(path).then().statusCode(403);
        Fixtures.as("library-system-2030000", "patrons.write").header("Library-Number", Fixtures.BERGEN).body(body)
                .post(path).then().statusCode(403).body("type", equalTo("https://bibliotekkortet.no/problems/library-not-allowed"));
        Fixtures.as("library-system-2030000", "patrons.write").header("Library-Number", Fixtures.OSLO).body(body)
                .post(path).then().statusCode(403).body("type", equalTo("https://bibliotekkortet.no/problems/patron-not-member"));
        Fixtures.as("library-system-2030000", "patrons.write").header("Library-Number", Fixtures.OSLO)
                .body(Map.of("cardNumber", Fixtures.unknownCard(), "pin", "5816")).post(path).then().statusCode(404);
        Fixtures.memberships(p, Fixtures.OSLO);
        Fixtures.as("library-system-2030000", "patrons.write").header("Library-Number", Fixtures.OSLO)
                .body(Map.of("cardNumber", p.cardNumber(), "pin", "0000")).post(path).then().statusCode(422)
                .body("field", equalTo("pin"));
        Fixtures.as("library-system-2030000", "patrons.write").header("Library-Number", Fixtures.OSLO).body(body)
                .post(path).then().statusCode(204);
        Fixtures.partnerVerify("partner-allbok", p.cardNumber(), "pin", "5816").body("valid", equalTo(true));
    }

    @Test
    void erasureRemovesEverythingAndVerifyCountsZero() {
        TestPatron p = Fixtures.patron();
        Fixtures.memberships(p, Fixtures.OSLO);
        Fixtures.filmoteket(p.cardNumber(), PIN).body("valid", equalTo(true));
        Fixtures.filmoteket(p.cardNumber(), "9999").body("valid", equalTo(false));
        List<Map<String, String>> ask = List.of(Map.of("patronId", p.patronId(), "email", "x@example.org"));
        int before = Fixtures.internal().body(ask).post("/internal/v1/erasures/verify").then().statusCode(200)
                .extract().path("held");
        assertTrue(before >= 5, "credential, PIN hash, lockout, pairwise subject, waiting activity: " + before);
        Fixtures.as("nb-backoffice", "admin").body(List.of(p.patronId())).post("/internal/v1/erasures").then().statusCode(401);
        Fixtures.internal().body(List.of(p.patronId())).post("/internal/v1/erasures").then().statusCode(204);
        Fixtures.internal().body(List.of(p.patronId())).post("/internal/v1/erasures").then().statusCode(204);
        Fixtures.internal().body(ask).post("/internal/v1/erasures/verify").then().statusCode(200).body("held", equalTo(0));
        Fixtures.filmoteket(p.cardNumber(), PIN).body("reason", equalTo("INVALID"));
    }
}
