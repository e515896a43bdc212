package no.nb.bibliotekkortet.membership;

import static no.nb.bibliotekkortet.membership.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.nb.bibliotekkortet.common.security.ClientKind;
import no.nb.bibliotekkortet.common.security.FileClientRegistry;
import no.nb.bibliotekkortet.common.security.RemoteClientRegistry;
import no.nb.bibliotekkortet.membership.support.TestClock;
import no.nb.bibliotekkortet.membership.support.TestDb;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * common's RemoteClientRegistry (what the other services use with {@code register.client-registry.source=
 * membership}) against this service's real internal endpoint, with a real service token: entries, unknown
 * clients, a change seen only after the cache time, the refresh ahead (served from the cache while one background
 * read runs), one shared read for concurrent requests, and the file source as the default.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership_test"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = "patron-service,notification-service"))
class RemoteClientRegistryTest {

    private static final String NEWCOMER = "unregistered-system";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Instance<FileClientRegistry> file;

    @Inject
    Instance<OidcClient> oidc;

    @Inject
    ObjectMapper mapper;

    @Inject
    TestClock clock;

    @Inject
    TestDb db;

    @AfterEach
    void cleanUp() {
        clock.reset();
        db.execute("delete from client where client_id = '" + NEWCOMER + "'");
    }

    private RemoteClientRegistry registry(String source, Duration ttl) {
        String url = base.toString().replaceAll("/$", "");
        var config = new SmallRyeConfigBuilder().withDefaultValue("register.services.membership-service.url", url).build();
        return new RemoteClientRegistry(source, ttl, Duration.ofSeconds(5), file, oidc, mapper, config, clock);
    }

    @Test
    void readsEntriesThroughTheInternalEndpoint() {
        RemoteClientRegistry remote = registry("membership", Duration.ofSeconds(30));
        var entry = remote.find("library-system-2030000").orElseThrow();
        assertEquals(ClientKind.LIBRARY_SYSTEM, entry.kind());
        assertEquals(Set.of("2030000"), entry.libraryNumbers());
        assertTrue(entry.active());
        assertEquals("cineast", remote.find("partner-cineast").orElseThrow().partnerId());
        assertTrue(remote.find("nobody-at-all").isEmpty());
    }

    /** A registry (30 s cache) that read NEWCOMER as active at 10:00:00, deactivated in membership-service since. */
    private RemoteClientRegistry cachedThenDeactivated() {
        clock.set(Instant.parse("2026-01-01T10:00:00Z"));
        admin().body("{\"clientId\": \"" + NEWCOMER + "\", \"kind\": \"LIBRARY_SYSTEM\", \"libraryNumbers\": [\"2030000\"]}")
                .post("/api/v1/clients").then().statusCode(201);
        RemoteClientRegistry remote = registry("membership", Duration.ofSeconds(30));
        assertTrue(remote.find(NEWCOMER).orElseThrow().active());
        admin().delete("/api/v1/clients/" + NEWCOMER).then().statusCode(200);
        return remote;
    }

    @Test
    void aChangeIsSeenAfterTheCacheTime() {
        RemoteClientRegistry remote = cachedThenDeactivated();
        clock.set(Instant.parse("2026-01-01T10:00:23Z"));
        assertTrue(remote.find(NEWCOMER).orElseThrow().active(), "still cached");
        clock.set(Instant.parse("2026-01-01T10:00:31Z"));
        assertFalse(remote.find(NEWCOMER).orElseThrow().active(), "the deactivation is seen after the cache time");
    }

    @Test
    void afterEightyPercentOfTheCacheTimeTheCachedEntryIsServedAndReadAgainInTheBackground() throws Exception {
        RemoteClientRegistry remote = cachedThenDeactivated();
        clock.set(Instant.parse("2026-01-01T10:00:23Z"));
        assertTrue(remote.find(NEWCOMER).orElseThrow().active(), "fresh: no read before 80 % of the cache time");
        assertEquals(1, remote.fetches());
        clock.set(Instant.parse("2026-01-01T10:00:25Z"));
        assertTrue(remote.find(NEWCOMER).orElseThrow().active(), "answered from the cache while the read runs");
        // the background read replaces the entry; no request waited for it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (remote.find(NEWCOMER).orElseThrow().active() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(remote.find(NEWCOMER).orElseThrow().active(), "the background read saw the deactivation");
        assertEquals(2, remote.fetches(), "one background read however many requests came meanwhile");
    }

    @Test
    void concurrentRequestsForAnUncachedClientShareOneRead() throws Exception {
        RemoteClientRegistry remote = registry("membership", Duration.ofSeconds(30));
        ExecutorService requests = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(requests.submit(() -> {
                    start.await();
                    return remote.find("library-system-2030000").isPresent();
                }));
            }
            start.countDown();
            for (Future<Boolean> answer : answers) {
                assertTrue(answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            requests.shutdownNow();
        }
        assertEquals(1, remote.fetches(), "16 concurrent requests, one read of membership-service");
    }

    @Test
    void unreachableMembershipServiceFailsClosedWithoutACachedEntry() {
        var config = new SmallRyeConfigBuilder().withDefaultValue("register.services.membership-service.url", "http://127.0.0.1:1").build();
        var remote = new RemoteClientRegistry("membership", Duration.ofSeconds(30), Duration.ofSeconds(1), file, oidc, mapper, config, clock);
        assertTrue(remote.find("library-system-2030000").isEmpty());
    }

    @Test
    void fileIsTheDefaultSource() {
        RemoteClientRegistry fromFile = registry("file", Duration.ofSeconds(30));
        assertFalse(fromFile.remote());
        assertTrue(fromFile.find("biblioteksok").isPresent());
        assertTrue(fromFile.find(NEWCOMER).isEmpty(), "the file does not list it");
    }
}
