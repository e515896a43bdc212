package no.nb.bibliotekkortet.patron;

import static io.restassured.RestAssured.given;
import static no.nb.bibliotekkortet.patron.support.PatronApi.BERGEN;
import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static no.nb.bibliotekkortet.patron.support.PatronApi.as;
import static no.nb.bibliotekkortet.patron.support.PatronApi.freshCardNumber;
import static no.nb.bibliotekkortet.patron.support.PatronApi.registered;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.TestDb;
import no.nb.bibliotekkortet.patron.support.TestIdentities;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RecordingServer;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import no.nb.bibliotekkortet.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 through HTTP with real tokens: printed card for a digital one (R14), lost-card replacement, local-card
 * aliases and account merges (R13), which numbers resolve (R1), the digital card with a decodable barcode (R9),
 * bulk activity (R21) and the change feed.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class CardsAndFeedTest {

    @Inject
    TestDb db;

    @BeforeEach
    void reset() {
        db.clean();
        PatronApi.resetStubs();
    }

    private static RecordingServer numberseries() {
        return EdgeStubResource.server("numberseries-service");
    }

    private static Response swap(String library, String card, String printed) {
        return as(library, "patrons.write").body(Map.of("cardNumber", printed)).post("/api/v1/patrons/" + card + "/printed-card");
    }

    private static String patronId(String card) {
        return as(OSLO, "patrons.read").get("/api/v1/patrons/" + card).then().statusCode(200).extract().path("patronId");
    }

    @Test
    void swapRetiresTheDigitalNumberAndIssuesThePrinted() {
        String digital = registered(TestIdentities.synthetic());
        String printed = freshCardNumber();
        numberseries().clear();
        swap(OSLO, digital, printed).then().statusCode(200)
                .body("issuedCardNumber", equalTo(printed)).body("retiredCardNumber", equalTo(digital))
                .body("patron.cards.find { it.cardNumber == '" + printed + "' }.state", equalTo("ACTIVE"))
                .body("patron.cards.find { it.cardNumber == '" + digital + "' }.state", equalTo("REPLACED"));
        // numberseries: the printed number issued for L, the digital one retired (never issued again).
        var issue = numberseries().requests("/internal/v1/card-numbers/" + printed + "/issue");
        assertEquals(1, issue.size());
        assertTrue(issue.get(0).body().contains("\"libraryNumber\":\"" + OSLO + "\""));
        var retire = numberseries().requests("/internal/v1/card-numbers/retirements");
        assertEquals(1, retire.size());
        assertEquals("[\"" + digital + "\"]", retire.get(0).body());
        // R1: the retired number still resolves to the account for lookups and activity, but renders no card.
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + digital).then().statusCode(200)
                .body("cards.cardNumber", hasItem(printed));
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + digital + "/card").then().statusCode(404)
                .body("type", containsString("card-retired"));
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + printed + "/card").then().statusCode(200)
                .body("cardNumber", equalTo(printed));
        // A second swap: no digital card left.
        swap(OSLO, printed, freshCardNumber()).then().statusCode(409).body("type", containsString("no-digital-card"));
        // card-replaced notification through the outbox.
        assertEquals(1L, db.count("select count(*) from outbox where payload::text like '%card-replaced-" + printed + "%'"));
    }

    @Test
    void swapRefusals() {
        String digital = registered(TestIdentities.synthetic());
        given().body(Map.of("cardNumber", freshCardNumber())).contentType("application/json")
                .post("/api/v1/patrons/" + digital + "/printed-card").then().statusCode(401);
        as(OSLO, "patrons.read").body(Map.of("cardNumber", freshCardNumber()))
                .post("/api/v1/patrons/" + digital + "/printed-card").then().statusCode(403);
        swap(BERGEN, digital, freshCardNumber()).then().statusCode(403).body("type", containsString("not-a-member-library"));
        swap(OSLO, digital, "N12").then().statusCode(400).body("field", equalTo("cardNumber"));
        as(OSLO, "patrons.write").body(Map.of("cardNumber", freshCardNumber(), "extra", 1))
                .post("/api/v1/patrons/" + digital + "/printed-card").then().statusCode(400);
        String outside = freshCardNumber();
        numberseries().answer("/internal/v1/card-numbers/" + outside + "/issue", 422, "{\"type\":\"number-outside-library-series\"}");
        swap(OSLO, digital, outside).then().statusCode(422).body("field", equalTo("cardNumber"));
        String taken = freshCardNumber();
        numberseries().answer("/internal/v1/card-numbers/" + taken + "/issue", 409, "{\"type\":\"card-number-not-free\"}");
        swap(OSLO, digital, taken).then().statusCode(409).body("field", equalTo("cardNumber"));
        // Retirement fails → 503, the printed number released, nothing changed.
        numberseries().answer("/internal/v1/card-numbers/retirements", 500, "{}");
        String printed = freshCardNumber();
        swap(OSLO, digital, printed).then().statusCode(503);
        assertEquals(1, numberseries().requests("/internal/v1/card-numbers/" + printed + "/release").size());
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + digital).then().statusCode(200)
                .body("cards.size()", equalTo(1)).body("cards[0].state", equalTo("ACTIVE"));
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + printed).then().statusCode(404);
    }

    @Test
    void aNumberAnotherPatronHoldsIsRefusedWithoutAskingNumberseries() {
        String digital = registered(TestIdentities.synthetic());
        String othersDigital = registered(TestIdentities.synthetic());
        numberseries().clear();
        swap(OSLO, digital, othersDigital).then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("card-number-taken")).body("field", equalTo("cardNumber"));
        assertEquals(0, numberseries().requests().size(), "numberseries neither asked to issue nor to retire");
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + digital).then().statusCode(200)
                .body("cards.size()", equalTo(1)).body("cards[0].state", equalTo("ACTIVE"));
    }

    @Test
    void twoConcurrentSwapsOfOneAccountOneSucceeds() throws Exception {
        String digital = registered(TestIdentities.synthetic());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String printed = freshCardNumber();
            results.add(pool.submit(() -> {
                start.await();
                return swap(OSLO, digital, printed).statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get());
        }
        pool.shutdown();
        statuses.sort(Integer::compare);
        assertEquals(List.of(200, 409), statuses);
        assertEquals(1L, db.count("select count(*) from card where state = 'ACTIVE' and kind = 'PRINTED'"));
    }

    @Test
    void lostPrintedCardIsRetiredAndReplaced() {
        String first = freshCardNumber();
        Map<String, Object> body = PatronApi.registration(TestIdentities.synthetic());
        body.put("cardNumber", first);
        PatronApi.register(body).statusCode(201);
        String second = freshCardNumber();
        numberseries().clear();
        as(OSLO, "patrons.write").body(Map.of("lostCardNumber", first, "cardNumber", second))
                .post("/api/v1/patrons/" + first + "/replacement-card").then().statusCode(200)
                .body("retiredCardNumber", equalTo(first)).body("issuedCardNumber", equalTo(second));
        assertEquals("[\"" + first + "\"]", numberseries().requests("/internal/v1/card-numbers/retirements").get(0).body());
        // The lost number is no longer an active printed card.
        as(OSLO, "patrons.write").body(Map.of("lostCardNumber", first, "cardNumber", freshCardNumber()))
                .post("/api/v1/patrons/" + second + "/replacement-card").then().statusCode(422)
                .body("field", equalTo("lostCardNumber"));
        as(OSLO, "patrons.write").body(Map.of("lostCardNumber", "x", "cardNumber", freshCardNumber()))
                .post("/api/v1/patrons/" + second + "/replacement-card").then().statusCode(400)
                .body("field", equalTo("lostCardNumber"));
        as(OSLO, "patrons.write").body(Map.of("cardNumber", freshCardNumber()))
                .post("/api/v1/patrons/" + second + "/replacement-card").then().statusCode(400)
                .body("field", equalTo("lostCardNumber")).body("rule", equalTo("required"));
        assertEquals(1L, db.count("select count(*) from card where state = 'ACTIVE'"));
    }

    @Test
    void localCardAliasIsScopedToTheLibrary() {
        String card = registered(TestIdentities.synthetic());
        String other = registered(TestIdentities.synthetic());
        EdgeStubResource.server("membership-service").clear();
        PatronApi.resetStubs();
        as(BERGEN, "patrons.write").body(Map.of("localCardNumber", "RANA-1234"))
                .post("/api/v1/patrons/" + card + "/local-cards").then().statusCode(201)
                .body("deleteLocalCard", equalTo(true)).body("libraryNumber", equalTo(BERGEN))
                .body("patron.libraries.libraryNumber", hasItem(BERGEN));
        var created = EdgeStubResource.server("membership-service").requests("/internal/v1/memberships");
        assertEquals(1, created.size());
        assertTrue(created.get(0).body().contains(BERGEN));
        // Same link again: 200; to another patron: 409.
        as(BERGEN, "patrons.write").body(Map.of("localCardNumber", "RANA-1234"))
                .post("/api/v1/patrons/" + card + "/local-cards").then().statusCode(200);
        as(BERGEN, "patrons.write").body(Map.of("localCardNumber", "RANA-1234"))
                .post("/api/v1/patrons/" + other + "/local-cards").then().statusCode(409)
                .body("type", containsString("local-card-linked-elsewhere"));
        // Lookup scoped to the library.
        as(BERGEN, "patrons.read").get("/api/v1/local-cards/RANA-1234").then().statusCode(200)
                .body("cards.cardNumber", hasItem(card));
        as(OSLO, "patrons.read").get("/api/v1/local-cards/RANA-1234").then().statusCode(404);
        as(BERGEN, "patrons.read").get("/api/v1/local-cards/bad%20number").then().statusCode(400)
                .body("field", equalTo("localCardNumber"));
        given().get("/api/v1/local-cards/RANA-1234").then().statusCode(401);
        as(OSLO, "patrons.write").body(Map.of("localCardNumber", "L-1"))
                .post("/api/v1/patrons/" + card + "/local-cards").then().statusCode(201);
    }

    @Test
    void mergeTwoAccounts() {
        String a = registered(TestIdentities.synthetic());
        String b = registered(TestIdentities.synthetic());
        String ida = patronId(a);
        String idb = patronId(b);
        String admin = PatronApi.token("nb-backoffice", "admin");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("from", ida))
                .post("/api/v1/admin/patrons/" + ida + "/merge").then().statusCode(400).body("field", equalTo("from"));
        given().auth().oauth2(PatronApi.token(PatronApi.OSLO_CLIENT, "patrons.write")).contentType("application/json")
                .body(Map.of("from", idb)).post("/api/v1/admin/patrons/" + ida + "/merge").then().statusCode(403);
        given().contentType("application/json").body(Map.of("from", idb))
                .post("/api/v1/admin/patrons/" + ida + "/merge").then().statusCode(401);
        numberseries().clear();
        // membership-service's merge contract answers a's memberships afterwards (a JSON array).
        EdgeStubResource.server("membership-service").answer("/internal/v1/patrons/" + ida + "/merge-from/" + idb, 200,
                "[{\"libraryNumber\":\"" + OSLO + "\",\"state\":\"ACTIVE\",\"home\":true,\"version\":2}]");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("from", idb))
                .post("/api/v1/admin/patrons/" + ida + "/merge").then().statusCode(200)
                .body("patronId", equalTo(ida))
                .body("cards.find { it.cardNumber == '" + b + "' }.state", equalTo("REPLACED"));
        assertEquals("[\"" + b + "\"]", numberseries().requests("/internal/v1/card-numbers/retirements").get(0).body());
        assertEquals(1, EdgeStubResource.server("membership-service")
                .requests("/internal/v1/patrons/" + ida + "/merge-from/" + idb).size());
        // B's number resolves to A; B is gone.
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + b).then().statusCode(200).body("patronId", equalTo(ida));
        assertEquals(0L, db.count("select count(*) from patron where id = '" + idb + "'"));
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("from", idb))
                .post("/api/v1/admin/patrons/" + ida + "/merge").then().statusCode(404);
    }

    @Test
    void digitalCardBarcodeDecodesToTheCardNumber() throws Exception {
        String card = registered(TestIdentities.synthetic());
        String id = patronId(card);
        String png = given().auth().oauth2(Tokens.patron(id, "nlsso-loa-low")).get("/api/v1/me/card").then().statusCode(200)
                .body("cardNumber", equalTo(card)).body("kind", equalTo("DIGITAL"))
                .body("homeLibrary.libraryNumber", equalTo(OSLO)).body("homeLibrary.name", equalTo("Deichman Bjørvika"))
                .body("barcode.format", equalTo("CODE_128")).body("barcode.svg", startsWith("<svg"))
                .extract().path("barcode.png");
        assertEquals(card, decode(png));
        given().get("/api/v1/me/card").then().statusCode(401);
        as(BERGEN, "patrons.read").get("/api/v1/patrons/" + card + "/card").then().statusCode(403);
    }

    static String decode(String base64Png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64Png)));
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
    }

    @Test
    void bulkActivityPerEventResultsAndRetiredNumbersResolve() {
        String digital = registered(TestIdentities.synthetic());
        String printed = freshCardNumber();
        swap(OSLO, digital, printed).then().statusCode(200);
        Instant at = Instant.parse("2025-01-02T03:04:05Z");
        List<Map<String, Object>> events = List.of(
                Map.of("cardNumber", digital, "kind", "LOAN", "at", at.toString()),
                Map.of("cardNumber", freshCardNumber(), "kind", "LOAN", "at", at.toString()),
                Map.of("cardNumber", "N1", "kind", "LOAN", "at", at.toString()),
                Map.of("cardNumber", printed, "kind", "NAP", "at", at.toString()));
        as(OSLO, "patrons.write").body(events).post("/api/v1/activity/batch").then().statusCode(200)
                .body("accepted", equalTo(1)).body("unknown", equalTo(1)).body("invalid", equalTo(2))
                .body("results[0].result", equalTo("ACCEPTED")).body("results[1].result", equalTo("UNKNOWN_CARD"))
                .body("results[2].field", equalTo("[2].cardNumber")).body("results[3].field", equalTo("[3].kind"));
        as(OSLO, "patrons.read").get("/api/v1/patrons/" + printed).then().body("lastActivityAt", equalTo(at.toString()));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("cardNumber", printed, "kind", "LOAN", "at", at.toString()));
        }
        as(OSLO, "patrons.write").body(tooMany).post("/api/v1/activity/batch").then().statusCode(400);
        as(OSLO, "patrons.read").body(events).post("/api/v1/activity/batch").then().statusCode(403);
    }

    @Test
    void feedRecordsCarryThePatronOnlyWhileTheLibraryIsAnActiveMember() {
        String stays = patronId(registered(TestIdentities.synthetic()));
        String leaves = patronId(registered(TestIdentities.synthetic()));
        given().auth().oauth2(PatronApi.internalToken("membership-service")).contentType("application/json")
                .body(List.of(Map.of("patronId", leaves, "libraryNumber", OSLO, "state", "PENDING_ACTIVATION", "home", true,
                        "version", 1000)))
                .post("/internal/v1/membership-changes").then().statusCode(200);
        Response page = as(OSLO, "patrons.read").get("/api/v1/changes?limit=1000");
        page.then().statusCode(200)
                .body("changes.findAll { it.patronId == '" + stays + "' }.size()", greaterThan(0))
                .body("changes.findAll { it.patronId == '" + stays + "' }.patron.patronId", everyItem(equalTo(stays)))
                .body("changes.findAll { it.patronId == '" + leaves + "' }.size()", greaterThan(0))
                .body("changes.findAll { it.patronId == '" + leaves + "' }.patron", everyItem(nullValue()));
        as(OSLO, "patrons.read").get("/api/v1/changes?limit=1000&records=false").then().statusCode(200)
                .body("changes.patron", everyItem(nullValue()));
    }

    private static void membershipChange(List<Map<String, Object>> changes) {
        given().auth().oauth2(PatronApi.internalToken("membership-service")).contentType("application/json").body(changes)
                .post("/internal/v1/membership-changes").then().statusCode(200);
    }

    private static Map<String, Object> membership(String patronId, String library, String state, boolean home, long version) {
        return Map.of("patronId", patronId, "libraryNumber", library, "state", state, "home", home, "version", version);
    }

    /** The membership records of one patron in a library's feed, in feed order: "KIND library state home [previous]". */
    private static List<String> membershipRecords(String library, String patronId) {
        List<Map<String, Object>> changes = as(library, "patrons.read").get("/api/v1/changes?limit=1000")
                .then().statusCode(200).extract().path("changes.findAll { it.patronId == '" + patronId + "' && it.membership != null }");
        return changes.stream().map(c -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) c.get("membership");
            return c.get("kind") + " " + m.get("libraryNumber") + " " + m.get("state") + " " + m.get("home")
                    + (m.containsKey("previousHomeLibrary") ? " " + m.get("previousHomeLibrary") : "");
        }).toList();
    }

    /**
     * Issue 16: a second library, its activation, a new home library and a removal are change records, each seen by
     * every library concerned (also the one the patron left); a redelivered change writes nothing.
     */
    @Test
    void membershipChangesAreFeedRecordsForEveryLibraryConcerned() {
        String id = patronId(registered(TestIdentities.synthetic()));
        membershipChange(List.of(membership(id, BERGEN, "PENDING_ACTIVATION", false, 1001)));
        membershipChange(List.of(membership(id, BERGEN, "ACTIVE", false, 1002)));
        membershipChange(List.of(membership(id, OSLO, "ACTIVE", false, 1003), membership(id, BERGEN, "ACTIVE", true, 1003)));
        membershipChange(List.of(membership(id, OSLO, "REMOVED", false, 1004)));
        membershipChange(List.of(membership(id, OSLO, "REMOVED", false, 1004)));
        List<String> expected = List.of("MEMBERSHIP_ADDED 2120100 PENDING_ACTIVATION false",
                "MEMBERSHIP_ACTIVATED 2120100 ACTIVE false", "HOME_LIBRARY_CHANGED 2120100 ACTIVE true 2030000",
                "MEMBERSHIP_REMOVED 2030000 REMOVED false");
        assertEquals(expected, membershipRecords(OSLO, id));
        assertEquals(expected, membershipRecords(BERGEN, id));
        // The library the patron left sees the removal, without the patron's record; the new home sees the record.
        as(OSLO, "patrons.read").get("/api/v1/changes?limit=1000").then().statusCode(200)
                .body("changes.find { it.kind == 'MEMBERSHIP_REMOVED' }.patron", nullValue())
                .body("changes.find { it.kind == 'MEMBERSHIP_REMOVED' }.changedBy", equalTo("MEMBERSHIP"));
        as(BERGEN, "patrons.read").get("/api/v1/changes?limit=1000").then().statusCode(200)
                .body("changes.find { it.kind == 'MEMBERSHIP_REMOVED' }.patron.patronId", equalTo(id));
    }

    @Test
    void feedShowsCardChangesToMembersOnly() {
        String digital = registered(TestIdentities.synthetic());
        String printed = freshCardNumber();
        swap(OSLO, digital, printed).then().statusCode(200);
        Response page = as(OSLO, "patrons.read").get("/api/v1/changes?limit=1000");
        page.then().statusCode(200).body("changes.kind", hasItem("CARD_CHANGED"))
                .body("changes.find { it.kind == 'CARD_CHANGED' }.cardChange.added[0]", equalTo(printed))
                .body("changes.find { it.kind == 'CARD_CHANGED' }.cardChange.retired[0]", equalTo(digital))
                .body("changes.find { it.kind == 'CARD_CHANGED' }.patron.cards.size()", equalTo(2));
        as(BERGEN, "patrons.read").get("/api/v1/changes").then().statusCode(200).body("changes.size()", equalTo(0));
        String next = page.path("next");
        as(OSLO, "patrons.read").get("/api/v1/changes?after=" + next).then().statusCode(200)
                .body("changes.size()", equalTo(0)).body("next", equalTo(next));
        as(OSLO, "patrons.read").get("/api/v1/changes?after=garbage!").then().statusCode(400).body("field", equalTo("after"));
        as(OSLO, "patrons.read").get("/api/v1/changes?limit=1001").then().statusCode(400).body("field", equalTo("limit"));
        as(OSLO, "patrons.read").get("/api/v1/changes?limit=0").then().statusCode(400).body("field", equalTo("limit"));
        as(OSLO, "patrons.read").get("/api/v1/changes?records=maybe").then().statusCode(400).body("field", equalTo("records"));
        given().get("/api/v1/changes").then().statusCode(401);
        as(OSLO, "patrons.write").get("/api/v1/changes").then().statusCode(403);
    }

    @Test
    void feedReturnsEveryChangeExactlyOnceWhileWritesHappen() throws Exception {
        int writers = 3;
        int perWriter = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        AtomicBoolean done = new AtomicBoolean(false);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            futures.add(pool.submit((Callable<Void>) () -> {
                for (int i = 0; i < perWriter; i++) {
                    registered(TestIdentities.synthetic());
                }
                return null;
            }));
        }
        List<Long> seen = new ArrayList<>();
        String cursor = "";
        boolean finalPass = false;
        while (true) {
            Response r = as(OSLO, "patrons.read").get("/api/v1/changes?records=false&limit=3&after=" + cursor);
            r.then().statusCode(200);
            List<Number> ids = r.path("changes.changeId");
            ids.forEach(n -> seen.add(n.longValue()));
            cursor = r.path("next");
            if (!done.get() && futures.stream().allMatch(Future::isDone)) {
                done.set(true);
            }
            if (ids.isEmpty() && !Boolean.TRUE.equals(r.path("more"))) {
                if (finalPass) {
                    break;
                }
                if (done.get()) {
                    finalPass = true;
                }
                Thread.sleep(20);
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        Set<Long> unique = new HashSet<>(seen);
        assertEquals(seen.size(), unique.size(), "no change twice");
        assertEquals(writers * perWriter, seen.size(), "every change once");
        assertEquals((long) writers * perWriter, db.count("select count(*) from change_record"));
    }
}
