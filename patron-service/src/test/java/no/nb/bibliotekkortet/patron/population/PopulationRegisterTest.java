package no.nb.bibliotekkortet.patron.population;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.patron.support.Citizens.citizen;
import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static no.nb.bibliotekkortet.patron.support.PatronApi.as;
import static no.nb.bibliotekkortet.patron.support.PatronApi.register;
import static no.nb.bibliotekkortet.patron.support.PatronApi.registration;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.localedge.PopulationRegisterStub;
import no.nb.bibliotekkortet.patron.lifecycle.LifecycleFixture;
import no.nb.bibliotekkortet.patron.support.Citizens;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.PopulationRegisterResource;
import no.nb.bibliotekkortet.patron.support.StubbedServicesTest;
import no.nb.bibliotekkortet.patron.support.TestIdentities;
import no.nb.bibliotekkortet.patron.webhook.WebhookDeliverer;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RecordingServer;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The population register coupling (issue 21) against local-edge's stand-in run in this JVM, through HTTP with real
 * tokens: registration takes name, birth date and address from the register; a protected address is never stored,
 * even when typed; the register down → registered unverified, reconciled when it returns; each event kind (move,
 * name, protection, D-number → fødselsnummer, two patrons of one person, death, emigration) updates the patron with
 * a change record, webhook and every view; replaying the feed changes nothing; a crash mid-page resumes without
 * double effects; the admin cursor endpoint; nothing from the register in the log.
 */
@QuarkusTest
@TestProfile(PopulationRegisterTest.Coupled.class)
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
@QuarkusTestResource(PopulationRegisterResource.class)
class PopulationRegisterTest extends StubbedServicesTest {

    /** The coupling on, deaths erased after one hour (of the test clock). */
    public static class Coupled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("register.population.enabled", "true", "register.population.deceased-grace", "PT1H");
        }
    }

    private static final RecordingServer RECEIVER = new RecordingServer();

    @Inject
    FeedFollower follower;

    @Inject
    WebhookDeliverer deliverer;

    @Inject
    EntityManager em;

    private PopulationRegisterStub register;

    @BeforeEach
    void emptyRegister() {
        register = PopulationRegisterResource.stub();
        register.reset();
        db.count("with a as (delete from population_merge_candidate returning 1), b as (delete from erasure_log returning 1), "
                + "c as (update population_feed_cursor set next_sequence = 1, last_event_at = null, last_processed_at = null, "
                + "last_poll_at = null, register_latest = null returning 1) select count(*) from c");
        RECEIVER.clear();
    }

    @AfterEach
    void removeWebhooks() {
        db.count("with d as (delete from webhook returning 1) select count(*) from d");
        sql("drop trigger if exists crash_once on population_feed_cursor");
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).executeUpdate());
    }

    // --- person documents as the register serves them --------------------------------------------------------

    private static ObjectNode person(String current, String... earlier) {
        ObjectNode p = JSON.createObjectNode();
        ArrayNode ids = p.putArray("identifikasjonsnummer");
        ids.addObject().put("foedselsEllerDNummer", current).put("identifikatortype", kind(current)).put("status", "iBruk")
                .put("erGjeldende", true);
        for (String e : earlier) {
            ids.addObject().put("foedselsEllerDNummer", e).put("identifikatortype", kind(e)).put("status", "opphoert")
                    .put("erGjeldende", false);
        }
        p.putArray("status").addObject().put("status", "bosatt").put("erGjeldende", true);
        name(p, "INGRID", "MARIE", "BERG-ÅSEN");
        address(p, "LILLEGATA", "12", "B", "0159", "OSLO");
        return p;
    }

    private static String kind(String n) {
        return n.charAt(0) >= '4' ? "dNummer" : "foedselsnummer";
    }

    private static ObjectNode name(ObjectNode p, String given, String middle, String surname) {
        ObjectNode n = p.putArray("navn").addObject().put("fornavn", given).put("etternavn", surname).put("erGjeldende", true);
        if (middle != null) {
            n.put("mellomnavn", middle);
        }
        return p;
    }

    private static ObjectNode address(ObjectNode p, String street, String number, String letter, String postcode, String place) {
        ObjectNode a = p.putArray("bostedsadresse").addObject().put("erGjeldende", true).put("adressegradering", "ugradert");
        ObjectNode road = a.putObject("vegadresse").put("adressenavn", street);
        road.putObject("adressenummer").put("husnummer", number).put("husbokstav", letter);
        road.putObject("poststed").put("postnummer", postcode).put("poststedsnavn", place);
        return p;
    }

    private static ObjectNode protect(ObjectNode p, String level) {
        p.remove("bostedsadresse");
        p.putArray("adressebeskyttelse").addObject().put("graderingsnivaa", level).put("erGjeldende", true);
        return p;
    }

    private static ObjectNode status(ObjectNode p, String status) {
        p.putArray("status").addObject().put("status", status).put("erGjeldende", true);
        return p;
    }

    private static ObjectNode born(ObjectNode p, String date) {
        p.putArray("foedsel").addObject().put("foedselsdato", date).put("erGjeldende", true);
        return p;
    }

    private long event(String type, ObjectNode person) {
        String doc = register.put(person);
        return register.append(type, PopulationRegisterStub.current(person), doc);
    }

    private static JsonNode staffView(String card) {
        return read(as(OSLO, "patrons.read").get("/api/v1/patrons/" + card).then().statusCode(200).extract().asString());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers at Oslo with typed data that differs from the register's; returns the card number. */
    private static String registeredAtOslo(String identityNumber) {
        Map<String, Object> body = registration(identityNumber);
        body.put("givenNames", "Typed");
        body.put("surname", "Name");
        body.put("permanentAddress", Map.of("streetLines", List.of("Typed street 9"), "postcode", "0150", "place", "Oslo"));
        return register(body).statusCode(201).extract().path("cards[0].cardNumber");
    }

    /**
     * The change records of {@code patronId} in order, as {kind, changedBy, fields} (read from the table: the feed
     * itself hides records newer than the oldest open transaction of the whole PostgreSQL cluster, which another
     * work tree on this machine may hold open).
     */
    private List<JsonNode> recordsOf(String patronId) {
        List<JsonNode> out = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (Object o : em.createNativeQuery("select kind, changed_by, array_to_string(fields, ',') from change_record "
                    + "where patron_id = cast(?1 as uuid) order by id").setParameter(1, patronId).getResultList()) {
                Object[] r = (Object[]) o;
                ObjectNode n = JSON.createObjectNode().put("kind", (String) r[0]).put("changedBy", (String) r[1]);
                ArrayNode fields = n.putArray("fields");
                if (r[2] != null && !((String) r[2]).isEmpty()) {
                    for (String f : ((String) r[2]).split(",")) {
                        fields.add(f);
                    }
                }
                out.add(n);
            }
        });
        return out;
    }

    private static String admin() {
        return LifecycleFixture.admin();
    }

    // --- registration -----------------------------------------------------------------------------------------

    @Test
    void registrationTakesNameBirthDateAndAddressFromTheRegister() {
        String fnr = TestIdentities.synthetic();
        register.put(person(fnr));
        String card = registeredAtOslo(fnr);
        JsonNode v = staffView(card);
        assertEquals("Ingrid Marie", v.path("name").path("givenNames").asText());
        assertEquals("Berg-Åsen", v.path("name").path("surname").asText());
        assertEquals("Lillegata 12B", v.path("permanentAddress").path("streetLines").get(0).asText());
        assertEquals("0159", v.path("permanentAddress").path("postcode").asText());
        assertEquals("Oslo", v.path("permanentAddress").path("place").asText());
        assertEquals("VERIFIED", v.path("populationRegister").path("check").asText());
        assertEquals("RESIDENT", v.path("populationRegister").path("status").asText());
        assertEquals(List.of("givenNames", "surname", "permanentAddress"), texts(v.path("populationRegister").path("fields")));

        // A D-number holder: the register's birth date wins over the typed one.
        String dnr = TestIdentities.syntheticDNumber();
        register.put(born(person(dnr), "1990-07-21"));
        Map<String, Object> body = registration(dnr);
        body.put("birthDate", "1991-01-01");
        String dCard = register(body).statusCode(201).extract().path("cards[0].cardNumber");
        JsonNode d = staffView(dCard);
        assertEquals("1990-07-21", d.path("birthDate").asText());
        assertEquals("POPULATION_REGISTER", d.path("birthDateSource").asText());
        assertTrue(texts(d.path("populationRegister").path("fields")).contains("birthDate"));

        // Self-registration takes the register's data too; a number the register does not know keeps the typed data.
        String self = TestIdentities.synthetic();
        register.put(person(self));
        Citizens.selfRegistered(self, OSLO);
        citizen(self).get("/api/v1/me").then().statusCode(200).body("name.surname", equalTo("Berg-Åsen"))
                .body("populationRegister.check", equalTo("VERIFIED"));
        String unknown = TestIdentities.synthetic();
        JsonNode u = staffView(registeredAtOslo(unknown));
        assertEquals("Typed", u.path("name").path("givenNames").asText());
        assertEquals("NOT_FOUND", u.path("populationRegister").path("check").asText());
        assertEquals(0, u.path("populationRegister").path("fields").size());
    }

    @Test
    void aProtectedAddressIsNeverStoredEvenWhenTyped() {
        for (String level : List.of("strengtFortrolig", "strengtFortroligUtland", "fortrolig")) {
            String fnr = TestIdentities.synthetic();
            register.put(protect(person(fnr), level));
            Map<String, Object> body = registration(fnr);
            body.put("temporaryAddress", Map.of("streetLines", List.of("Hytteveien 1"), "postcode", "3550", "place", "Gol",
                    "validUntil", "2030-01-01"));
            String card = register(body).statusCode(201).body("addressProtected", equalTo(true))
                    .body("permanentAddress", nullValue()).body("temporaryAddress", nullValue()).extract().path("cards[0].cardNumber");
            assertEquals(0, db.count("select count(*) from patron where address_lines is not null or temp_address_lines is not null "
                    + "or address_postcode is not null or address_place is not null"), level);
            assertFalse(staffView(card).toString().contains("Storgata") || staffView(card).toString().contains("Hytteveien"), level);
            // No later write may put an address back (R5).
            as(OSLO, "patrons.write").body(Map.of("addressProtected", false, "permanentAddress",
                            Map.of("streetLines", List.of("Storgata 1"), "postcode", "0150", "place", "Oslo")))
                    .patch("/api/v1/patrons/" + card).then().statusCode(422).body("type", containsString("protected-by-population-register"))
                    .body("field", equalTo("addressProtected"));
            as(OSLO, "patrons.write").body(Map.of("permanentAddress",
                            Map.of("streetLines", List.of("Storgata 1"), "postcode", "0150", "place", "Oslo")))
                    .patch("/api/v1/patrons/" + card).then().statusCode(422);
            // Not even a direct write can store one: the database keeps the flag on while the register protects.
            assertThrows(RuntimeException.class, () -> sql("update patron set address_protected = false"), level);
            db.clean();
        }
    }

    @Test
    void theRegisterDownRegistersUnverifiedAndIsReconciledWhenItReturns() {
        String fnr = TestIdentities.synthetic();
        register.put(person(fnr));
        register.available(false);
        String card = registeredAtOslo(fnr);
        JsonNode v = staffView(card);
        assertEquals("Typed", v.path("name").path("givenNames").asText());
        assertEquals("UNVERIFIED", v.path("populationRegister").path("check").asText());
        FeedFollower.Outcome down = follower.poll();
        assertFalse(down.registerAvailable());
        assertEquals("UNVERIFIED", staffView(card).path("populationRegister").path("check").asText());

        register.available(true);
        FeedFollower.Outcome up = follower.poll();
        assertTrue(up.registerAvailable());
        assertEquals(1, up.reconciled());
        JsonNode after = staffView(card);
        assertEquals("Ingrid Marie", after.path("name").path("givenNames").asText());
        assertEquals("Lillegata 12B", after.path("permanentAddress").path("streetLines").get(0).asText());
        assertEquals("VERIFIED", after.path("populationRegister").path("check").asText());
        List<JsonNode> records = recordsOf(after.path("patronId").asText());
        JsonNode last = records.get(records.size() - 1);
        assertEquals("POPULATION_REGISTER", last.path("changedBy").asText());
        assertEquals(List.of("permanentAddress", "name", "populationStatus"), texts(last.path("fields")));
    }

    // --- the event feed -----------------------------------------------------------------------------------------

    @Test
    void eachEventKindUpdatesThePatronEverywhere() throws Exception {
        String fnr = TestIdentities.synthetic();
        register.put(person(fnr));
        String card = registeredAtOslo(fnr);
        String patronId = staffView(card).path("patronId").asText();
        as(OSLO, "patrons.read").body(Map.of("url", RECEIVER.url() + "/hooks/population", "secret", "s".repeat(40)))
                .put("/api/v1/changes/webhook").then().statusCode(201);

        // A move, then a new name (one poll each: a poll applies the person's state at the time of reading).
        event("flyttingInnenKommune", address(person(fnr), "NYVEIEN", "3", null, "0651", "OSLO"));
        assertEquals(1, follower.poll().events());
        event("endringINavn", address(name(person(fnr), "INGRID", null, "FJELL"), "NYVEIEN", "3", null, "0651", "OSLO"));
        assertEquals(1, follower.poll().events());
        JsonNode moved = staffView(card);
        assertEquals("Nyveien 3", moved.path("permanentAddress").path("streetLines").get(0).asText());
        assertEquals("Fjell", moved.path("name").path("surname").asText());
        assertEquals("Ingrid", moved.path("name").path("givenNames").asText());
        List<JsonNode> records = recordsOf(patronId);
        assertEquals(List.of("permanentAddress"), texts(records.get(records.size() - 2).path("fields")));
        assertEquals(List.of("name"), texts(records.get(records.size() - 1).path("fields")));

        // Protection appears: the address is gone from the staff view, /me, the feed and the webhook deliveries.
        event("endringIAdressebeskyttelse", protect(name(person(fnr), "INGRID", null, "FJELL"), "strengtFortrolig"));
        follower.poll();
        JsonNode hidden = staffView(card);
        assertTrue(hidden.path("addressProtected").asBoolean());
        assertTrue(hidden.path("permanentAddress").isMissingNode() || hidden.path("permanentAddress").isNull());
        String me = citizen(fnr).get("/api/v1/me").then().statusCode(200).body("addressProtected", equalTo(true)).extract().asString();
        String feed = as(OSLO, "patrons.read").get("/api/v1/changes?limit=1000").then().statusCode(200).extract().asString();
        for (int i = 0; i < 200 && RECEIVER.requests("/hooks/population").size() < 3; i++) {
            deliverer.deliverDue();
            Thread.sleep(50);
        }
        List<RecordingServer.Recorded> pushed = RECEIVER.requests("/hooks/population");
        assertTrue(pushed.size() >= 3, "deliveries: " + pushed.size());
        for (String text : new ArrayList<>(List.of(me, feed, hidden.toString()))) {
            assertFalse(text.contains("Nyveien") || text.contains("Lillegata") || text.contains("Typed street") || text.contains("0651"), text);
        }
        for (RecordingServer.Recorded r : pushed) {
            assertFalse(r.body().contains("Nyveien") || r.body().contains("0651"), r.body());
        }
        assertEquals(0, db.count("select count(*) from patron where address_lines is not null"));
        assertEquals("STRICTLY_CONFIDENTIAL", db.single("select register_protection from patron where id = '" + patronId + "'"));
        List<JsonNode> after = recordsOf(patronId);
        assertEquals(List.of("addressProtected", "permanentAddress"), texts(after.get(after.size() - 1).path("fields")));

        // Emigration is recorded, not deleted.
        event("utflyttingFraNorge", status(protect(name(person(fnr), "INGRID", null, "FJELL"), "strengtFortrolig"), "utflyttet"));
        follower.poll();
        JsonNode emigrated = staffView(card);
        assertEquals("EMIGRATED", emigrated.path("populationRegister").path("status").asText());
        assertEquals("ACTIVE", emigrated.path("state").asText());
    }

    @Test
    void aNewIdentityNumberKeepsThePatronAndTwoPatronsOfOnePersonAreFlagged() {
        String dnr = TestIdentities.syntheticDNumber();
        Map<String, Object> body = registration(dnr);
        body.put("birthDate", "1990-07-21");
        String card = register(body).statusCode(201).extract().path("cards[0].cardNumber");
        String patronId = staffView(card).path("patronId").asText();
        as(OSLO, "patrons.read").body(Map.of("identityNumber", dnr)).post("/api/v1/patrons/search").then().statusCode(200);

        String fnr = TestIdentities.synthetic();
        event("endringIIdentifikasjonsnummer", person(fnr, dnr));
        follower.poll();
        as(OSLO, "patrons.read").body(Map.of("identityNumber", fnr)).post("/api/v1/patrons/search").then().statusCode(200)
                .body("patronId", equalTo(patronId)).body("cards.cardNumber", contains(card));
        as(OSLO, "patrons.read").body(Map.of("identityNumber", dnr)).post("/api/v1/patrons/search").then().statusCode(404);
        assertEquals(1, db.count("select count(*) from patron"));
        assertEquals("FODSELSNUMMER", db.single("select identity_kind from patron"));
        assertTrue(texts(recordsOf(patronId).get(recordsOf(patronId).size() - 1).path("fields")).contains("identityNumber"));

        // Two patrons turn out to be one person (a D-number and a fødselsnummer registered apart).
        String d2 = TestIdentities.syntheticDNumber();
        String f2 = TestIdentities.synthetic();
        Map<String, Object> d2body = registration(d2);
        d2body.put("birthDate", "1980-02-02");
        String dCard = register(d2body).statusCode(201).extract().path("cards[0].cardNumber");
        String fCard = registeredAtOslo(f2);
        String dId = staffView(dCard).path("patronId").asText();
        String fId = staffView(fCard).path("patronId").asText();
        event("endringIIdentifikasjonsnummer", person(f2, d2));
        follower.poll();
        follower.poll();
        given().auth().oauth2(admin()).get("/api/v1/admin/population-register/feed").then().statusCode(200)
                .body("mergeCandidates.size()", equalTo(1))
                .body("mergeCandidates[0].patronId", equalTo(fId)).body("mergeCandidates[0].otherPatronId", equalTo(dId));
        // Both still carry the register's name; nothing was merged on its own.
        assertEquals("Berg-Åsen", staffView(dCard).path("name").path("surname").asText());
        assertEquals(3, db.count("select count(*) from patron"));
        membership.answer("/internal/v1/patrons/" + fId + "/merge-from/" + dId, 200,
                "[{\"libraryNumber\":\"" + OSLO + "\",\"state\":\"ACTIVE\",\"home\":true,\"version\":2}]");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("from", dId))
                .post("/api/v1/admin/patrons/" + fId + "/merge").then().statusCode(200);
        given().auth().oauth2(admin()).get("/api/v1/admin/population-register/feed").then().statusCode(200)
                .body("mergeCandidates.size()", equalTo(0));
    }

    @Test
    void aDeathBlocksAtOnceAndDeletesAfterTheGracePeriod() {
        String fnr = TestIdentities.synthetic();
        register.put(person(fnr));
        String card = registeredAtOslo(fnr);
        String patronId = staffView(card).path("patronId").asText();
        given().auth().oauth2(PatronApi.internalToken("notification-service")).get("/internal/v1/patrons/" + patronId + "/contact")
                .then().statusCode(200);
        while (relay.pending() > 0) {
            relay.deliverDue();
        }
        notification.clear();

        ObjectNode dead = status(person(fnr), "doed");
        dead.putArray("doedsfall").addObject().put("doedsdato", "2026-11-30");
        event("doedsfall", dead);
        follower.poll();
        assertNull(LifecycleFixture.resolve(card), "resolve 404: auth-service answers INVALID");
        given().auth().oauth2(PatronApi.internalToken("notification-service")).get("/internal/v1/patrons/" + patronId + "/contact")
                .then().statusCode(404);
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + card).then().statusCode(404);
        assertEquals("DECEASED", db.single("select state from patron"));
        assertEquals(List.of("state", "populationStatus"), texts(recordsOf(patronId).get(recordsOf(patronId).size() - 1).path("fields")));

        follower.poll();
        assertEquals(1, db.count("select count(*) from patron"), "kept during the grace period");
        clock.advance(Duration.ofMinutes(61));
        assertEquals(1, follower.poll().deceasedErased());
        assertEquals(0, db.count("select count(*) from patron"));
        assertEquals("DECEASED", db.single("select cause from erasure_log where patron_id = '" + patronId + "'"));
        while (relay.pending() > 0) {
            relay.deliverDue();
        }
        assertEquals(0, notification.requests("/internal/v1/notifications").size(), "no notices to the deceased");
        assertTrue(numberSeries.requests("/internal/v1/card-numbers/retirements").get(0).body().contains(card));
        membership.answer("/internal/v1/erasures/verify", 200, "{\"memberships\":0}");
        auth.answer("/internal/v1/erasures/verify", 200, "{\"held\":0}");
        notification.answer("/internal/v1/erasures/verify", 200, "{\"held\":0}");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(List.of(Map.of("identityNumber", fnr, "patronId", patronId)))
                .post("/api/v1/admin/erasure-checks").then().statusCode(200).body("clean", equalTo(true));
        List<JsonNode> records = recordsOf(patronId);
        assertEquals("DELETED", records.get(records.size() - 1).path("kind").asText());
    }

    @Test
    void replayingAPageChangesNothing() {
        String fnr = TestIdentities.synthetic();
        register.put(person(fnr));
        String card = registeredAtOslo(fnr);
        event("flyttingInnenKommune", address(person(fnr), "NYVEIEN", "3", null, "0651", "OSLO"));
        event("endringINavn", address(name(person(fnr), "INGRID", null, "FJELL"), "NYVEIEN", "3", null, "0651", "OSLO"));
        event("endringIAdressebeskyttelse", protect(address(name(person(fnr), "INGRID", null, "FJELL"), "NYVEIEN", "3", null, "0651", "OSLO"), "fortrolig"));
        follower.poll();
        long records = db.count("select count(*) from change_record");
        String before = staffView(card).toString();
        long version = db.count("select version from patron");

        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("nextSequence", 1))
                .put("/api/v1/admin/population-register/feed").then().statusCode(200).body("nextSequence", equalTo(1));
        assertEquals(3, follower.poll().events());
        assertEquals(records, db.count("select count(*) from change_record"));
        assertEquals(version, db.count("select version from patron"));
        assertEquals(before, staffView(card).toString());
        given().auth().oauth2(admin()).get("/api/v1/admin/population-register/feed").then().statusCode(200)
                .body("nextSequence", equalTo(4)).body("registerLatest", equalTo(3)).body("lag", equalTo(0));
    }

    @Test
    void aCrashMidPageResumesWithoutDoubleEffects() {
        List<String> cards = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String fnr = TestIdentities.synthetic();
            numbers.add(fnr);
            register.put(person(fnr));
            cards.add(registeredAtOslo(fnr));
        }
        for (String fnr : numbers) {
            event("endringINavn", name(person(fnr), "ASTRID", null, "MOE"));
        }
        long before = db.count("select count(*) from change_record");
        // The second event's transaction fails once (as a crash would), after the first committed.
        sql("""
                create or replace function crash_once() returns trigger language plpgsql as $$
                begin if new.next_sequence = 3 then raise exception 'crash'; end if; return new; end $$;
                create trigger crash_once before update on population_feed_cursor for each row execute function crash_once();
                """);
        assertThrows(RuntimeException.class, () -> follower.poll());
        sql("drop trigger crash_once on population_feed_cursor");
        assertEquals(2, follower.cursor().nextSequence());
        assertEquals(before + 1, db.count("select count(*) from change_record"));

        FeedFollower.Outcome resumed = follower.poll();
        assertEquals(2, resumed.events());
        assertEquals(before + 3, db.count("select count(*) from change_record"), "one record per patron, none twice");
        for (String card : cards) {
            assertEquals("Moe", staffView(card).path("name").path("surname").asText());
        }
        assertEquals(4, follower.cursor().nextSequence());
    }

    // --- operations ------------------------------------------------------------------------------------------

    @Test
    void theAdminEndpointShowsAndRewindsTheCursor() {
        given().get("/api/v1/admin/population-register/feed").then().statusCode(401);
        as(OSLO, "patrons.read").get("/api/v1/admin/population-register/feed").then().statusCode(403);
        given().auth().oauth2(PatronApi.token(PatronApi.OSLO_CLIENT, "admin")).header("Library-Number", OSLO)
                .get("/api/v1/admin/population-register/feed").then().statusCode(403);
        register.append("endringINavn", TestIdentities.synthetic(), null);
        follower.poll();
        given().auth().oauth2(admin()).get("/api/v1/admin/population-register/feed").then().statusCode(200)
                .body("nextSequence", equalTo(2)).body("lag", equalTo(0)).body("lastPollAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("nextSequence", 0))
                .put("/api/v1/admin/population-register/feed").then().statusCode(400).body("field", equalTo("nextSequence"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("next", 1))
                .put("/api/v1/admin/population-register/feed").then().statusCode(400);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String m : List.of("population_feed_lag_events", "population_feed_seconds_since_last_poll",
                "population_feed_last_event_age_seconds", "population_register_unverified_patrons", "population_feed_events_total")) {
            assertTrue(metrics.contains(m), m);
        }
    }

    @Test
    void nothingFromTheRegisterIsLogged() throws Exception {
        String fnr = TestIdentities.synthetic();
        register.put(protect(person(fnr), "strengtFortrolig"));
        registeredAtOslo(fnr);
        event("endringINavn", protect(name(person(fnr), "SOLVEIG", null, "QUISTGAARD"), "strengtFortrolig"));
        follower.poll();
        String log = java.nio.file.Files.readString(java.nio.file.Path.of("target/quarkus.log"));
        for (String s : List.of(fnr, "Quistgaard", "QUISTGAARD", "Lillegata", "LILLEGATA", "Berg-Åsen")) {
            assertFalse(log.contains(s), s);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
