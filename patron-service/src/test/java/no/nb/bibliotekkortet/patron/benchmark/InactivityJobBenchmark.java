package no.nb.bibliotekkortet.patron.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import no.nb.bibliotekkortet.common.outbox.OutboxRelay;
import no.nb.bibliotekkortet.patron.lifecycle.InactivityJob;
import no.nb.bibliotekkortet.patron.service.IdentityVault;
import no.nb.bibliotekkortet.patron.support.PatronApi;
import no.nb.bibliotekkortet.testsupport.EdgeStubResource;
import no.nb.bibliotekkortet.testsupport.ProjectFiles;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark of the inactivity job (R21; never part of the normal test run): bulk-loads {@code -Dbenchmark.patrons}
 * (default 2 000 000) synthetic patrons with COPY into {@code patron_lifecycle_bench}; 5 % are made due for a
 * warning and 5 % due for deletion (warned 31 days ago, no activity since), the rest recently active. Then one run
 * of the job with batches of 500 (warn pass, delete pass) and the outbox relay delivering everything (notices,
 * batched erasures and retirements) to HTTP stubs of the other services. Prints {@code BENCHMARK …} lines: load
 * time, warn-pass time, deletions/s end to end (job + delivery), peak heap (run it with {@code -DargLine=-Xmx…} to
 * show the job fits a bounded heap). Command in docs/patron-service.md.
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(InactivityJobBenchmark.Batches.class)
@QuarkusTestResource(value = RegisterTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "patron_lifecycle_bench"))
@QuarkusTestResource(value = EdgeStubResource.class, initArgs = @ResourceArg(name = "destinations", value = PatronApi.STUBS))
class InactivityJobBenchmark {

    /** Production-sized batches. */
    public static class Batches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("register.lifecycle.batch-size", "500");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IdentityVault vault;

    @Inject
    InactivityJob job;

    @Inject
    OutboxRelay relay;

    @Test
    void inactivityRunOverManyPatrons() throws Exception {
        int patrons = Integer.getInteger("benchmark.patrons", 2_000_000);
        PatronApi.resetStubs();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate guardianship, card, patron, patron_library, change_record, inactivity_warning, erasure_log cascade");
            c.setAutoCommit(true);
            new PatronDataGenerator(vault, ProjectFiles.root().resolve("membership-service/src/main/resources/libraries.csv")).load(c, patrons);
            // 5 % due for a warning, 5 % warned 31 days ago and due for deletion, the rest active last week.
            s.execute("update patron set created_at = now() - interval '4 years', last_activity_at = case "
                    + "when abs(hashtext(id::text)) % 20 = 0 then now() - interval '3 years' "
                    + "when abs(hashtext(id::text)) % 20 = 1 then now() - interval '3 years 40 days' "
                    + "else now() - interval '7 days' end");
            s.execute("insert into inactivity_warning (patron_id, warned_at, deletion_date) "
                    + "select id, now() - interval '31 days', current_date - 1 from patron where abs(hashtext(id::text)) % 20 = 1");
            s.execute("vacuum analyze patron");
        }
        double load = (System.nanoTime() - t0) / 1e9;
        System.out.printf("BENCHMARK load of %d patrons: %.1f s%n", patrons, load);

        sampler.start();
        long t1 = System.nanoTime();
        int warned = job.warnPass();
        double warnSeconds = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        int deleted = job.deletePass();
        double deleteSeconds = (System.nanoTime() - t2) / 1e9;
        long t3 = System.nanoTime();
        // Batch after batch until nothing is due (the stubs answer 2xx, so nothing waits for a retry). The
        // notification stub's record of ~200 000 requests lives in this JVM: it is cleared as we go, so that the
        // peak heap is the job's and the relay's, not the stub's.
        for (int batches = 1; relay.deliverDue() > 0; batches++) {
            if (batches % 100 == 0) {
                EdgeStubResource.server("notification-service").clear();
            }
        }
        double deliverSeconds = (System.nanoTime() - t3) / 1e9;
        sampler.interrupt();
        int erasureCalls = EdgeStubResource.server("membership-service").requests("/internal/v1/erasures").size();
        System.out.printf("BENCHMARK scan and warn: %d warned in %.1f s (%.0f patrons scanned/s)%n", warned, warnSeconds,
                patrons / warnSeconds);
        System.out.printf("BENCHMARK delete: %d deleted in %.1f s; outbox delivery (warnings, notices, %d erasure calls per "
                + "service, retirements) %.1f s; end to end %.0f deletions/s%n", deleted, deleteSeconds, erasureCalls,
                deliverSeconds, deleted / (deleteSeconds + deliverSeconds));
        System.out.printf("BENCHMARK peak heap used: %d MB%n", peak.get() / (1024 * 1024));
        assertEquals(0, relay.pending());
    }
}
