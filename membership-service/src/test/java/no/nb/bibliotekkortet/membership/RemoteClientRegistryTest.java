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
import java.util.concurrent.atomic.AtomicReference;
import no.nb.bibliotekkortet.common.security.ClientKind;
import no.nb.bibliotekkortet.common.security.FileClientRegistry;
import no.nb.bibliotekkortet.common.security.RemoteClientRegistry;
import no.nb.bibliotekkortet.membership.support.TestClock;
import no.nb.bibliotekkortet.membership.support.TestDb;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.eclipse.microprofile.config.spi.ConfigSource;
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
    void whileMembershipServiceIsUnreachableTheCachedEntryIsServedAndReadAgainEveryTenthOfTheCacheTime() throws Exception {
        clock.set(Instant.parse("2026-01-01T10:00:00Z"));
        String reachable = base.toString().replaceAll("/$", "");
        AtomicReference<String> url = new AtomicReference<>(reachable);
        ConfigSource source = new ConfigSource() {
            @Override
            public Set<String> getPropertyNames() {
                return Set.of("register.services.membership-service.url");
            }

            @Override
            public String getValue(String name) {
                return getPropertyNames().contains(name) ? url.get() : null;
            }

            @Override
            public String getName() {
                return "membership-service address switched by the test";
            }
        };
        var config = new SmallRyeConfigBuilder().withSources(source).build();
        var remote = new RemoteClientRegistry("membership", Duration.ofSeconds(30), Duration.ofSeconds(1), file, oidc, mapper, config, clock);
        assertTrue(remote.find("library-system-2030000").isPresent());
        url.set("http://127.0.0.1:1");

        clock.set(Instant.parse("2026-01-01T10:00:25Z"));
        assertTrue(remote.find("library-system-2030000").isPresent(), "served while the background read fails");
        awaitFailedReads(remote, 1, 2);
        clock.set(Instant.parse("2026-01-01T10:00:27.900Z"));
        for (int i = 0; i < 50; i++) {
            assertTrue(remote.find("library-system-2030000").isPresent());
        }
        assertEquals(2, remote.fetches(), "no read before 10 % of the cache time (3 s) after the failed one");

        clock.set(Instant.parse("2026-01-01T10:00:31Z"));
        assertTrue(remote.find("library-system-2030000").isPresent(), "past its time and unreachable: still served");
        assertEquals(3, remote.fetches(), "expired and due: one read, waited for");
        assertEquals(2, remote.failedReads());
        clock.set(Instant.parse("2026-01-01T10:00:33.900Z"));
        for (int i = 0; i < 50; i++) {
            assertTrue(remote.find("library-system-2030000").isPresent());
        }
        assertEquals(3, remote.fetches(), "expired but not due: served without a read");

        url.set(reachable);
        clock.set(Instant.parse("2026-01-01T10:00:34.100Z"));
        assertTrue(remote.find("library-system-2030000").isPresent(), "the read is due again and succeeds");
        assertEquals(4, remote.fetches());
        for (int i = 0; i < 10; i++) {
            remote.find("library-system-2030000");
        }
        assertEquals(4, remote.fetches(), "a fresh answer again: no further reads");
    }

    /** Waits until the background read has failed (and its retry time is set); then exactly that many reads. */
    private static void awaitFailedReads(RemoteClientRegistry remote, long failed, long reads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (remote.failedReads() < failed && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(failed, remote.failedReads());
        assertEquals(reads, remote.fetches());
        Thread.sleep(100); // Caffeine ends the refresh on the read's thread right after it returns
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
