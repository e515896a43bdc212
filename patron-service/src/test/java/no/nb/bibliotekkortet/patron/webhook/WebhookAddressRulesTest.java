package no.nb.bibliotekkortet.patron.webhook;

import static no.nb.bibliotekkortet.patron.support.PatronApi.OSLO;
import static no.nb.bibliotekkortet.patron.support.PatronApi.as;
import static no.nb.bibliotekkortet.patron.support.PatronApi.registered;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.patron.service.IdentityVault;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.patron.support.TestDb;
import no.nb.bibliotekkortet.patron.support.TestIdentities;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RecordingServer;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production webhook address rules ({@code allow-http=false}, {@code allow-private-addresses=false}): http
 * refused; hosts resolving to loopback, private, link-local addresses refused at registration; and a webhook whose
 * host resolves to such an address at delivery time (as after a DNS change) gets nothing — the delivery is kept
 * with the reason, never sent, never dropped.
 */
@QuarkusTest
@TestProfile(WebhookAddressRulesTest.ProductionRules.class)
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "patron_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class WebhookAddressRulesTest {

    public static class ProductionRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("register.webhooks.allow-http", "false", "register.webhooks.allow-private-addresses", "false");
        }
    }

    @Inject
    TestDb db;

    @Inject
    WebhookDeliverer deliverer;

    @Inject
    IdentityVault vault;

    @Inject
    EntityManager em;

    /** No webhook outlives its test (other test classes would queue deliveries for it). */
    @AfterEach
    void removeWebhooks() {
        db.count("with d as (delete from webhook returning 1) select count(*) from d");
    }

    @BeforeEach
    void reset() {
        db.clean();
        db.count("with d as (delete from webhook returning 1) select count(*) from d");
        PatronApi.resetStubs();
    }

    @Test
    void httpAndInternalAddressesAreRefusedAtRegistration() {
        as(OSLO, "patrons.read").body(Map.of("url", "http://hooks.example.no/bk")).put("/api/v1/changes/webhook")
                .then().statusCode(422).body("field", equalTo("url")).body("rule", equalTo("https-required"));
        for (String url : List.of("https://127.0.0.1/x", "https://127.9.9.9:8443/x", "https://localhost/x",
                "https://10.1.2.3/x", "https://172.20.0.1/x", "https://192.168.0.10/x", "https://169.254.169.254/latest",
                "https://[::1]/x", "https://[fd00::1]/x", "https://[fe80::1]/x", "https://[::ffff:127.0.0.1]/x")) {
            as(OSLO, "patrons.read").body(Map.of("url", url)).put("/api/v1/changes/webhook").then()
                    .statusCode(422).body("field", equalTo("url")).body("rule", equalTo("address-not-allowed"));
        }
        assertEquals(0, db.count("select count(*) from webhook"));
    }

    @Test
    void anAddressThatBecameInternalIsCheckedAgainAtDelivery() {
        try (RecordingServer receiver = new RecordingServer()) {
            receiver.answerAll(200);
            // as if the name had resolved to a public address at registration and to 127.0.0.1 now
            IdentityVault.Sealed sealed = vault.seal("a-library-systems-own-secret-0123456789");
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into webhook (library_number, "
                            + "client_id, url, secret, created_at) values (?1, 'library-system-2030000', ?2, ?3, ?4)")
                    .setParameter(1, OSLO).setParameter(2, receiver.url() + "/hooks/rebound")
                    .setParameter(3, sealed.keyId() + ":" + Base64.getEncoder().encodeToString(sealed.ciphertext()))
                    .setParameter(4, Instant.now()).executeUpdate());
            registered(TestIdentities.synthetic());
            for (int i = 0; i < 5; i++) {
                deliverer.deliverDue();
                sleep(60);
            }
            assertEquals(0, receiver.requests().size());
            assertEquals(1, deliverer.pending());
            String error = (String) db.single("select last_error from webhook_delivery");
            assertTrue(error.startsWith("address-not-allowed"), error);
            assertTrue(db.count("select attempts from webhook_delivery") >= 2);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
