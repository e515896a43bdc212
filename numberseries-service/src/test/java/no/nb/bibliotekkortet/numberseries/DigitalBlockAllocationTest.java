package no.nb.bibliotekkortet.numberseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import no.nb.bibliotekkortet.numberseries.config.NumberSeriesConfig;
import no.nb.bibliotekkortet.numberseries.repository.AuditRepository;
import no.nb.bibliotekkortet.numberseries.repository.CardNumberRepository;
import no.nb.bibliotekkortet.numberseries.repository.CardNumberRequestRepository;
import no.nb.bibliotekkortet.numberseries.repository.DigitalAllocatorRepository;
import no.nb.bibliotekkortet.numberseries.repository.SeriesRepository;
import no.nb.bibliotekkortet.numberseries.service.Actor;
import no.nb.bibliotekkortet.numberseries.service.AuditLog;
import no.nb.bibliotekkortet.numberseries.service.CardNumberService;
import no.nb.bibliotekkortet.numberseries.service.DigitalAllocator;
import no.nb.bibliotekkortet.numberseries.service.DigitalSeriesService;
import no.nb.bibliotekkortet.numberseries.service.NumberSeriesMetrics;
import no.nb.bibliotekkortet.numberseries.service.SeriesService;
import no.nb.bibliotekkortet.numberseries.support.Api;
import no.nb.bibliotekkortet.numberseries.support.TestDb;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Digital allocation from pre-reserved blocks (issue 20): each service instance reserves
 * {@code numberseries.digital-block-size} allocation values (20 in tests; digital ranges of 50) and hands them
 * out from memory. Several instances are simulated by building more {@link DigitalSeriesService}s, each with its
 * own {@link DigitalAllocator}, on the same database; a restart by a fresh instance. Numbers run on across block
 * and range boundaries, two instances (interleaved one by one, and 50 threads across both) never hand out the
 * same number, and a restarted instance skips the rest of the block it had, never repeating a number.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "numberseries_test"))
class DigitalBlockAllocationTest {

    private static final Actor ACTOR = new Actor("client:patron-service", "SERVICE");

    @Inject
    TestDb db;

    @Inject
    DigitalSeriesService digital;

    @Inject
    DigitalAllocatorRepository allocatorRepository;

    @Inject
    SeriesRepository seriesRepository;

    @Inject
    SeriesService seriesService;

    @Inject
    AuditRepository auditRepository;

    @Inject
    CardNumberRepository numbers;

    @Inject
    CardNumberRequestRepository requests;

    @Inject
    CardNumberService cardNumbers;

    @Inject
    NumberSeriesConfig config;

    @Inject
    Clock clock;

    @Inject
    NumberSeriesMetrics metrics;

    @BeforeEach
    void emptyRegister() {
        db.reset();
    }

    /** Another service instance on the same database: its own allocator, block and ranges in memory. */
    private DigitalSeriesService anotherInstance() {
        DigitalAllocator allocator = new DigitalAllocator(allocatorRepository, seriesRepository, seriesService,
                new AuditLog(auditRepository), config);
        return new DigitalSeriesService(allocator, numbers, requests, cardNumbers, config, clock, metrics);
    }

    private static long allocate(DigitalSeriesService instance) {
        return instance.allocate(Api.requestId(), ACTOR).status().number();
    }

    @Test
    void numbersRunOnAcrossBlockAndRangeBoundaries() {
        List<Long> got = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            got.add(allocate(digital));
        }
        assertEquals(LongStream.rangeClosed(1, 60).boxed().toList(), got, "blocks of 20, ranges of 50: no gap, no repeat");
        assertEquals(2, db.count("select count(*) from series where kind = 'DIGITAL'"));
        assertEquals(60, db.count("select count(*) from card_number where state = 'ISSUED'"));
        assertEquals(60, db.count("select count(*) from audit_event where action = 'ALLOCATE'"));
        assertEquals(60, db.count("select count(*) from card_number_request where number is not null"));
        assertEquals(60, db.count("select last_value from digital_allocation_seq"), "three blocks of 20 reserved");
    }

    @Test
    void twoInstancesInterleavedOneByOneNeverHandOutTheSameNumber() {
        DigitalSeriesService second = anotherInstance();
        Set<Long> got = new HashSet<>();
        List<Long> first = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            long a = allocate(digital);
            long b = allocate(second);
            first.add(a);
            assertTrue(got.add(a), "number " + a + " handed out twice");
            assertTrue(got.add(b), "number " + b + " handed out twice");
        }
        // each instance drew its own blocks of 20: the first instance's numbers 1..20, 41..60, 81..100 …
        assertEquals(LongStream.rangeClosed(1, 20).boxed().toList(), first.subList(0, 20));
        assertEquals(41, first.get(20));
        assertEquals(180, db.count("select count(distinct number) from card_number where state = 'ISSUED'"));
        assertEquals(0, db.count("select count(*) from series a join series b on a.id < b.id and a.numbers && b.numbers"));
    }

    @Test
    void twoInstancesUnderConcurrencyNeverHandOutTheSameNumber() throws Exception {
        DigitalSeriesService second = anotherInstance();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            DigitalSeriesService instance = i % 2 == 0 ? digital : second;
            results.add(pool.submit(() -> allocate(instance)));
        }
        Set<Long> got = new HashSet<>();
        try {
            for (Future<Long> f : results) {
                assertTrue(got.add(f.get()), "a number was handed out twice");
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertEquals(3_000, got.size());
        assertEquals(3_000, db.count("select count(*) from card_number where state = 'ISSUED'"));
        assertEquals(3_000, db.count("select count(distinct number) from card_number_request where operation = 'DIGITAL'"));
        assertEquals(3_000, db.count("select count(*) from audit_event where action = 'ALLOCATE'"));
        assertEquals(0, db.count("select count(*) from series a join series b on a.id < b.id and a.numbers && b.numbers"));
    }

    @Test
    void aRestartedInstanceSkipsTheRestOfItsBlockAndNeverRepeats() {
        DigitalSeriesService before = anotherInstance();
        for (int i = 1; i <= 25; i++) {
            assertEquals(i, allocate(before));
        }
        // "restart": a fresh instance knows nothing of the block 21..40 the old one was using
        DigitalSeriesService after = anotherInstance();
        assertEquals(41, allocate(after), "the fresh instance reserves a new block; 26..40 are skipped");
        // the old instance, still running (a rolling restart), finishes its own block without meeting the new one
        for (int i = 26; i <= 40; i++) {
            assertEquals(i, allocate(before));
        }
        assertEquals(61, allocate(before), "its next block lies above the new instance's 41..60");
        assertEquals(42, allocate(after));
        assertEquals(43, db.count("select count(distinct number) from card_number"));
        assertEquals(43, db.count("select count(*) from card_number"));
    }

    @Test
    void aRepeatedRequestIdInOneBatchGetsTheSameNumber() throws Exception {
        String id = Api.requestId();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<DigitalSeriesService.Allocation>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit(() -> digital.allocate(id, ACTOR)));
        }
        Set<Long> got = new HashSet<>();
        int created = 0;
        try {
            for (Future<DigitalSeriesService.Allocation> f : results) {
                DigitalSeriesService.Allocation a = f.get();
                got.add(a.status().number());
                created += a.created() ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertEquals(1, got.size(), "every repeat answers the same number");
        assertEquals(1, created, "one allocation, the others are repeats");
        assertEquals(1, db.count("select count(*) from card_number"));
        assertEquals(1, db.count("select count(*) from audit_event where action = 'ALLOCATE'"));
    }
}
