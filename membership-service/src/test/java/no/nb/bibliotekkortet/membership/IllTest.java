package no.nb.bibliotekkortet.membership;

import static no.nb.bibliotekkortet.membership.support.Api.admin;
import static no.nb.bibliotekkortet.membership.support.Api.anonymous;
import static no.nb.bibliotekkortet.membership.support.Api.client;
import static no.nb.bibliotekkortet.membership.support.Api.oslo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import no.nb.bibliotekkortet.common.outbox.OutboxRelay;
import no.nb.bibliotekkortet.membership.support.Api;
import no.nb.bibliotekkortet.membership.support.TestClock;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ILL authorisation and the data processing agreement escalation (R23) through HTTP with Biblioteksøk's
 * real token: reminder 1, reminder 2, final warning, refusal, signed → allowed; patron orders never
 * refused; e-mails through the outbox (or skipped and counted without a contact address); the deadline;
 * NB's report.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = "patron-service,notification-service"))
class IllTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OutboxRelay relay;

    @Inject
    TestClock clock;

    @Inject
    MeterRegistry metrics;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static ValidatableResponse order(String library, String by) {
        return client("biblioteksok", "ill").body("{\"libraryNumber\": \"" + library + "\", \"orderedBy\": \"" + by + "\"}")
                .post("/api/v1/ill/authorisations").then();
    }

    private List<JsonNode> mails(String library) {
        relay.drain(java.time.Duration.ofSeconds(10));
        return EdgeStubResource.server("notification-service").requests("/internal/v1/notifications").stream().map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).filter(n -> n.path("idempotencyKey").asText().startsWith("dpa-" + library + "-")
                && n.at("/recipient/email").isTextual()).toList();
    }

    @Test
    void escalationSequenceThenRefusalUntilSignedPatronOrdersNeverRefused() {
        String lib = Api.newLibrary("IN_PERSON", "post@" + "bibliotek.example.no");
        order(lib, "STAFF").statusCode(200).body("allowed", equalTo(true)).body("notice", equalTo("REMINDER_1"));
        order(lib, "PATRON").statusCode(200).body("allowed", equalTo(true)).body("notice", nullValue());
        order(lib, "STAFF").statusCode(200).body("allowed", equalTo(true)).body("notice", equalTo("REMINDER_2"));
        order(lib, "STAFF").statusCode(200).body("allowed", equalTo(true)).body("notice", equalTo("FINAL_WARNING"));
        order(lib, "STAFF").statusCode(403).body("type", equalTo("https://bibliotekkortet.no/problems/ill-blocked"))
                .body("detail", containsString("data processing agreement"));
        order(lib, "STAFF").statusCode(403);
        order(lib, "PATRON").statusCode(200).body("allowed", equalTo(true));
        admin().get("/api/v1/ill/agreement-report").then().statusCode(200)
                .body("deadline", equalTo("2024-06-01"))
                .body("libraries.find { it.libraryNumber == '" + lib + "' }.escalation", equalTo("BLOCKED"));

        List<JsonNode> mails = mails(lib);
        assertEquals(List.of("dpa-reminder-1", "dpa-reminder-2", "dpa-final-warning", "ill-blocked"),
                mails.stream().map(m -> m.get("template").asText()).toList(), "one e-mail per step, none for repeated refusals");
        assertEquals("post@bibliotek.example.no", mails.get(0).at("/recipient/email").asText());
        assertEquals("EMAIL", mails.get(0).get("channel").asText());
        assertTrue(mails.get(0).at("/params/library").isTextual(), "the library's name for the template");
        assertEquals(4, mails.stream().map(m -> m.get("idempotencyKey").asText()).distinct().count());

        admin().body("{\"signedOn\": \"2024-09-01\", \"agreementVersion\": \"1.0\"}")
                .put("/api/v1/libraries/" + lib + "/data-processing-agreement").then().statusCode(200)
                .body("dataProcessingAgreement.signed", equalTo(true)).body("dataProcessingAgreement.escalation", equalTo("NONE"));
        order(lib, "STAFF").statusCode(200).body("allowed", equalTo(true)).body("notice", nullValue());
        admin().get("/api/v1/ill/agreement-report").then().body("libraries.find { it.libraryNumber == '" + lib + "' }", nullValue());
    }

    @Test
    void withoutContactEmailTheMailIsSkippedAndCounted() {
        String lib = Api.newLibrary("IN_PERSON", null);
        double before = skipped("dpa-reminder-1");
        order(lib, "STAFF").statusCode(200).body("notice", equalTo("REMINDER_1"));
        assertEquals(before + 1, skipped("dpa-reminder-1"));
        assertEquals(0, mails(lib).size());
        admin().get("/api/v1/ill/agreement-report").then()
                .body("libraries.find { it.libraryNumber == '" + lib + "' }.hasContactEmail", equalTo(false));
    }

    @Test
    void beforeTheDeadlineStaffOrdersAreNotEscalated() {
        String lib = Api.newLibrary("IN_PERSON", null);
        clock.set(Instant.parse("2024-05-31T21:59:00Z")); // 23:59 on 31 May in Oslo
        order(lib, "STAFF").statusCode(200).body("notice", nullValue()).body("escalation", equalTo("NONE"));
        clock.set(Instant.parse("2024-06-01T21:00:00Z")); // still 1 June in Oslo: the deadline day itself
        order(lib, "STAFF").statusCode(200).body("notice", nullValue());
        clock.set(Instant.parse("2024-06-01T22:00:00Z")); // 2 June 00:00 in Oslo
        order(lib, "STAFF").statusCode(200).body("notice", equalTo("REMINDER_1"));
    }

    @Test
    void badInputAndWrongCallers() {
        String lib = Api.newLibrary("IN_PERSON", null);
        anonymous().body("{\"libraryNumber\": \"" + lib + "\", \"orderedBy\": \"STAFF\"}").post("/api/v1/ill/authorisations").then().statusCode(401);
        oslo().body("{\"libraryNumber\": \"" + lib + "\", \"orderedBy\": \"STAFF\"}").post("/api/v1/ill/authorisations").then().statusCode(403);
        client(Api.OSLO_CLIENT, "ill").body("{\"libraryNumber\": \"" + lib + "\", \"orderedBy\": \"STAFF\"}")
                .post("/api/v1/ill/authorisations").then().statusCode(403).body("type", equalTo("https://bibliotekkortet.no/problems/operation-not-allowed"));
        order("9999992", "STAFF").statusCode(404);
        order("99", "STAFF").statusCode(400).body("field", equalTo("libraryNumber"));
        order(lib, "ROBOT").statusCode(400).body("field", equalTo("orderedBy"));
        client("biblioteksok", "ill").body("{\"libraryNumber\": \"" + lib + "\", \"orderedBy\": \"STAFF\", \"x\": 1}")
                .post("/api/v1/ill/authorisations").then().statusCode(400).body("field", equalTo("x"));
        client("biblioteksok", "ill").get("/api/v1/ill/agreement-report").then().statusCode(403);
        admin().body("{\"signedOn\": \"2999-01-01\", \"agreementVersion\": \"1.0\"}")
                .put("/api/v1/libraries/" + lib + "/data-processing-agreement").then().statusCode(400).body("field", equalTo("signedOn"));
        admin().body("{\"signedOn\": \"2024-01-01\"}").put("/api/v1/libraries/" + lib + "/data-processing-agreement")
                .then().statusCode(400).body("field", equalTo("agreementVersion"));
        oslo().body("{\"signedOn\": \"2024-01-01\", \"agreementVersion\": \"1.0\"}")
                .put("/api/v1/libraries/" + lib + "/data-processing-agreement").then().statusCode(403);
    }

    private double skipped(String template) {
        var counter = metrics.find("membership.dpa.emails.skipped").tag("template", template).counter();
        return counter == null ? 0 : counter.count();
    }

}
