package no.nb.bibliotekkortet.patron.lifecycle;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.common.outbox.OutboxRelay;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.TestDb;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RecordingServer;

/** Shared set-up for the lifecycle tests: clean tables and stubs, drain the outbox, read what the stubs received. */
@ApplicationScoped
public class LifecycleFixture {

    static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManager em;
    private final TestDb db;
    private final OutboxRelay relay;

    public LifecycleFixture(EntityManager em, TestDb db, OutboxRelay relay) {
        this.em = em;
        this.db = db;
        this.relay = relay;
    }

    /** Empty tables, drained outbox, stubs answering success (verify answers 0). */
    public void reset() {
        // cascade: issue 10's tables (aliases) reference patron too
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("truncate guardianship, card, patron, "
                + "patron_library, change_record, inactivity_warning, erasure_log cascade").executeUpdate());
        PatronApi.resetStubs();
        drain();
        for (String s : PatronApi.STUBS.split(",")) {
            EdgeStubResource.server(s).clear();
        }
        EdgeStubResource.server("membership-service").answer("/internal/v1/erasures/verify", 200, "{\"memberships\":0}");
        EdgeStubResource.server("auth-service").answer("/internal/v1/erasures/verify", 200, "{\"held\":0}");
        EdgeStubResource.server("notification-service").answer("/internal/v1/erasures/verify", 200, "{\"held\":0}");
    }

    /** Delivers every due outbox row (a bounded number of rounds). */
    public void drain() {
        for (int i = 0; i < 50 && relay.pending() > 0; i++) {
            relay.deliverDue();
        }
    }

    /** Sets a patron's last activity (and registration time) directly, as if recorded long ago. */
    public void lastActive(UUID patronId, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update patron set last_activity_at = ?2, created_at = least(created_at, ?2) where id = ?1")
                .setParameter(1, patronId).setParameter(2, at).executeUpdate());
    }

    /** Bodies (parsed) the stub received on {@code path}. */
    public static List<JsonNode> bodies(String service, String path) {
        return EdgeStubResource.server(service).requests(path).stream().map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Notifications with this template the notification stub received. */
    public static List<JsonNode> notices(String template) {
        return bodies("notification-service", "/internal/v1/notifications").stream()
                .filter(b -> template.equals(b.path("template").asText())).toList();
    }

    /** Every patron id sent to {@code service}'s erasure contract. */
    public static List<String> erased(String service) {
        return bodies(service, "/internal/v1/erasures").stream()
                .flatMap(b -> java.util.stream.StreamSupport.stream(b.spliterator(), false)).map(JsonNode::asText).toList();
    }

    /** Every card number sent to numberseries' retirement contract. */
    public static List<String> retired() {
        return bodies("numberseries-service", "/internal/v1/card-numbers/retirements").stream()
                .flatMap(b -> java.util.stream.StreamSupport.stream(b.spliterator(), false)).map(JsonNode::asText).toList();
    }

    /** The patron's id resolved by card number through the internal contract, or null on 404. */
    public static String resolve(String cardNumber) {
        var r = given().auth().oauth2(PatronApi.internalToken("auth-service")).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", cardNumber)).post("/internal/v1/patrons/resolve");
        return r.statusCode() == 404 ? null : r.then().statusCode(200).extract().path("patronId");
    }

    /** Counts rows of a query. */
    public long count(String sql) {
        return db.count(sql);
    }

    /** An ACTIVE membership at {@code library} in the membership copy (as membership-service's outbox sends it). */
    public static void member(String patronId, String library, long version) {
        given().auth().oauth2(PatronApi.internalToken("membership-service")).contentType(ContentType.JSON)
                .body(List.of(Map.of("patronId", patronId, "libraryNumber", library, "state", "ACTIVE", "home", false,
                        "version", version)))
                .post("/internal/v1/membership-changes").then().statusCode(200);
    }

    /** The admin token (client nb-backoffice, scope admin). */
    public static String admin() {
        return PatronApi.token("nb-backoffice", "admin");
    }
}
