package no.nb.bibliotekkortet.systemtests.bench;

import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nb.bibliotekkortet.systemtests.bench.LoadClient.Request;
import no.nb.bibliotekkortet.systemtests.bench.LoadClient.Response;
import no.nb.bibliotekkortet.systemtests.support.ProjectFiles;
import no.nb.bibliotekkortet.systemtests.support.Suite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 20's benchmark (never in the test run; scripts/bench.sh runs it against a suite started on a database of
 * {@code bench.patrons} loaded patrons): each hot path against its PostgreSQL reference in alternating rounds
 * (A B A B …) in one run, as throughput, p50, p99, errors and the ratio to the reference.
 * <ul>
 *   <li>{@code lookup}: {@code GET /api/v1/patrons/{card}} and {@code search}: {@code POST /api/v1/patrons/search}, both
 *       through the gateway as Deichman's library system ({@code patrons.read}), closed loop at {@code bench.readClients}
 *       (16) against {@code pgbench -S} at {@code bench.pgbenchReadClients} (8); then an open-loop run at half the
 *       closed-loop rate for its p99.</li>
 *   <li>{@code agecheck} ({@code POST /api/v1/age-checks} with a pairwise subject, 16 clients), {@code allocation}
 *       ({@code POST /internal/v1/digital-card-numbers} on numberseries-service itself: an internal contract the gateway
 *       does not route; 50 clients; duplicates counted over {@code bench.allocations} allocations) and {@code orders}
 *       ({@code POST /api/v1/number-series}, 50 clients) against a pgbench write script (one UPDATE + one INSERT per
 *       transaction, {@code bench.pgbenchWriteClients} clients).</li>
 *   <li>{@code verification}: partner card + PIN ({@code POST /api/v1/authentications/partner}, 16 clients) against
 *       Argon2id hashing alone in this JVM (argon2-jvm native, auth-service's parameters, one thread per core): the
 *       hashing limit of the machine. Its bookkeeping (everything but the hash) is derived from the suite's CPU per
 *       verification minus the CPU per hash, as a rate on all cores, against the pgbench write script.</li>
 * </ul>
 * Services' footprint (start to ready, idle RSS, each started alone) is measured by scripts/bench.sh and read from
 * {@code bench.footprint}. The table goes to stdout and {@code bench.out}.txt, everything to {@code bench.out}.json.
 */
@EnabledIfSystemProperty(named = "benchmark.hotpaths", matches = "true")
class HotPathBenchmark {

    private static final String LIBRARY = "2030000";
    private static final String LIBRARY_CLIENT = "library-system-2030000";
    private static final String PARTNER_CLIENT = "partner-filmoteket";
    private static final String PIN = "4827";
    private static final Pattern CARD_NUMBER = Pattern.compile("\"cardNumber\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SUBJECT = Pattern.compile("\"subject\"\\s*:\\s*\"([^\"]+)\"");

    private final double roundSeconds = Double.parseDouble(System.getProperty("bench.roundSeconds", "20"));
    private final double warmupSeconds = Double.parseDouble(System.getProperty("bench.warmupSeconds", "10"));
    private final double maxWarmupSeconds = Double.parseDouble(System.getProperty("bench.maxWarmupSeconds", "180"));
    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final List<String> paths = List.of(System.getProperty("bench.paths",
            "lookup,search,agecheck,allocation,orders,verification").split(","));
    private final int patrons = Integer.getInteger("bench.patrons", 1_000_000);
    private final int readClients = Integer.getInteger("bench.readClients", 16);
    private final int pgbenchReadClients = Integer.getInteger("bench.pgbenchReadClients", 8);
    private final int writeClients = Integer.getInteger("bench.writeClients", 50);
    private final int pgbenchWriteClients = Integer.getInteger("bench.pgbenchWriteClients", 16);
    private final int verifyClients = Integer.getInteger("bench.verifyClients", 16);
    private final long allocationsTarget = Long.getLong("bench.allocations", 100_000);
    private final Path out = Path.of(System.getProperty("bench.out",
            ProjectFiles.root().resolve("target/bench/bench").toString()));
    private final int cores = Runtime.getRuntime().availableProcessors();

    private final LoadClient client = new LoadClient();
    /**
     * Diagnosing the open loop's tail: when above 0, the read paths skip their closed-loop rounds and run, after one
     * warm-up chunk, only the open loop at this rate (requests per second).
     */
    private final double openLoopRate = Double.parseDouble(System.getProperty("bench.openLoopRate", "0"));
    /** Seconds of unmeasured open loop at the measured rate before the measured one (wrk2 calibrates for 10 s). */
    private static final double OPEN_LOOP_CALIBRATION_SECONDS = 10;
    private final Pgbench pgbench = new Pgbench(System.getProperty("bench.pgbench", "pgbench"),
            System.getenv().getOrDefault("DB_HOST", "127.0.0.1"), System.getenv().getOrDefault("DB_PORT", "5432"),
            System.getenv().getOrDefault("DB_USER", "postgres"), System.getProperty("bench.pgbenchDb", "bench_pgbench"),
            out.getParent().resolve("pgbench"));

    /** Every row of the table, in order; also the JSON's "rows". */
    private final List<Map<String, Object>> rows = new ArrayList<>();

    @Test
    void hotPathsAgainstTheirReferences() throws Exception {
        String loadStart = System.getProperty("bench.loadStart", loadAverage());
        String started = ZonedDateTime.now(ZoneOffset.UTC).withNano(0).toString();
        Map<String, Object> fixture = null;
        if (paths.contains("agecheck") || paths.contains("verification")) {
            fixture = partnerFixture();
        }
        for (String path : paths) {
            System.out.printf(Locale.ROOT, "BENCH %s: %d rounds of %.0f s each side after a warm-up of %.0f s chunks (at most %.0f s; load %s)%n",
                    path, rounds, roundSeconds, warmupSeconds, maxWarmupSeconds, loadAverage());
            switch (path.trim()) {
                case "lookup" -> readPath("card-number lookup", this::lookupRequest);
                case "search" -> readPath("identity-number search", this::searchRequest);
                case "agecheck" -> ageChecks(fixture);
                case "allocation" -> allocations();
                case "orders" -> orders();
                case "verification" -> verifications(fixture);
                case "" -> { }
                default -> throw new IllegalArgumentException("unknown path '" + path + "' in bench.paths");
            }
        }
        report(started, loadStart);
        client.close();
    }

    // --- Read paths ---------------------------------------------------------------------------------------

    private final Token readToken = new Token(() -> maskinporten(LIBRARY_CLIENT, "patrons.read"));
    private String[] identities;

    private Request lookupRequest(long i) {
        int index = randomPatron();
        return Request.get(Suite.gatewayUrl() + "/api/v1/patrons/" + String.format("N%09d", 900_000_000 + index),
                Map.of("Authorization", "Bearer " + readToken.get(), "Library-Number", LIBRARY, "Accept", "application/json"));
    }

    private Request searchRequest(long i) {
        return Request.post(Suite.gatewayUrl() + "/api/v1/patrons/search",
                Map.of("Authorization", "Bearer " + readToken.get(), "Library-Number", LIBRARY, "Accept", "application/json"),
                "{\"identityNumber\":\"" + identity(randomPatron()) + "\"}");
    }

    /**
     * A random index of a loaded patron (as PatronLookupBenchmark's PatronDataGenerator numbers them: card
     * N{900000000 + i}), never one of the every-50th patrons with a secret address.
     */
    private int randomPatron() {
        int i;
        do {
            i = ThreadLocalRandom.current().nextInt(patrons);
        } while (i % 50 == 0);
        return i;
    }

    /** The identity number of loaded patron {@code i}: the generator enumerates them from 1 January 1940. */
    private synchronized String identity(int i) {
        if (identities == null) {
            identities = new String[patrons];
            LocalDate date = LocalDate.of(1940, 1, 1);
            int individual = -1;
            for (int n = 0; n < patrons; ) {
                if (++individual > 499) {
                    individual = 0;
                    date = date.plusDays(1);
                }
                String number = SyntheticIdentityNumbers.withCheckDigits(String.format("%02d%02d%02d%03d",
                        date.getDayOfMonth(), date.getMonthValue() + 80, date.getYear() % 100, individual));
                if (number != null) {
                    identities[n++] = number;
                }
            }
        }
        return identities[i];
    }

    private void readPath(String name, java.util.function.LongFunction<Request> request) throws Exception {
        identity(0); // enumerate before the clock runs
        Predicate<Response> ok = r -> r.status() == 200;
        Statuses statuses = new Statuses();
        Response first = client.send(request.apply(0));
        if (first.status() != 200) {
            throw new IllegalStateException(name + " answered " + first.status() + " for a loaded patron: is the suite "
                    + "running on the loaded patron database (bench.patrons = " + patrons + ")? " + first.body());
        }
        if (openLoopRate > 0) {
            client.closedLoop(readClients, warmupSeconds, request, r -> true);
            openLoop(name, openLoopRate, request, ok);
            return;
        }
        Alternation a = alternate(name, "pgbench -S", readClients, pgbenchReadClients,
                s -> client.closedLoop(readClients, s, request, r -> statuses.ok(r, ok)),
                s -> pgbench.selectOnly(pgbenchReadClients, s));
        a.row.put("statuses", statuses.snapshot());
        a.row.put("target", "ratio >= 25 % (goal 40 %)");
        a.row.put("met", a.ratio() >= 0.25);
        // Open loop at half the closed-loop maximum: the latency a desk sees at a sustainable rate.
        openLoop(name, Math.max(1, a.path.throughput() / 2), request, ok);
    }

    private void openLoop(String name, double rate, java.util.function.LongFunction<Request> request,
                          Predicate<Response> ok) throws Exception {
        Statuses openStatuses = new Statuses();
        // Unmeasured first, as wrk2's 10 s calibration: right after the reference's round the first seconds of the open
        // loop stalled for up to 1.4 s (a transient whose cause is not found), which is not the steady latency asked for.
        client.openLoop(rate, OPEN_LOOP_CALIBRATION_SECONDS, readClients, request, r -> true);
        LoadClient.Result open = client.openLoop(rate, roundSeconds, readClients, request, r -> openStatuses.ok(r, ok));
        System.out.printf(Locale.ROOT, "BENCH   open loop: %s at %.0f/s offered over %d connections: %.0f/s, p50 %.1f ms, p99 %.1f ms, %d errors%n",
                name, rate, readClients, open.throughput(), open.latency().getValueAtPercentile(50) / 1e6, p99Ms(open), open.errors());
        Map<String, Object> row = row(name + ", open loop at half that rate", "open " + Math.round(rate) + "/s", open, null);
        row.put("offeredRate", rate);
        row.put("statuses", openStatuses.snapshot());
        row.put("target", "p99 <= 20 ms");
        row.put("met", p99Ms(open) <= 20);
    }

    // --- Writes -------------------------------------------------------------------------------------------

    private void ageChecks(Map<String, Object> fixture) throws Exception {
        @SuppressWarnings("unchecked")
        List<String> subjects = (List<String>) fixture.get("subjects");
        Token token = new Token(() -> maskinporten(PARTNER_CLIENT, "partner.auth"));
        Statuses statuses = new Statuses();
        Predicate<Response> ok = r -> r.status() == 200 && r.body().contains("\"reached\":true");
        Alternation a = alternate("age check, pairwise subject", "pgbench UPDATE+INSERT", readClients, pgbenchWriteClients,
                s -> client.closedLoop(readClients, s, i -> Request.post(Suite.gatewayUrl() + "/api/v1/age-checks",
                        Map.of("Authorization", "Bearer " + token.get()), "{\"subject\":\""
                                + subjects.get((int) (i % subjects.size())) + "\",\"age\":15}"), r -> statuses.ok(r, ok)),
                s -> pgbench.updateInsert(pgbenchWriteClients, s));
        a.row.put("statuses", statuses.snapshot());
        a.row.put("target", ">= 2000/s");
        a.row.put("met", a.path.throughput() >= 2000);
    }

    private void allocations() throws Exception {
        Token token = new Token(() -> Suite.internal("patron-service"));
        Set<String> numbers = ConcurrentHashMap.newKeySet();
        AtomicLong allocated = new AtomicLong();
        Statuses statuses = new Statuses();
        String uri = Suite.serviceUrl("numberseries-service") + "/internal/v1/digital-card-numbers";
        Predicate<Response> ok = r -> {
            if (r.status() != 201) {
                return false;
            }
            Matcher m = CARD_NUMBER.matcher(r.body());
            allocated.incrementAndGet();
            numbers.add(m.find() ? m.group(1) : "unparsed-" + UUID.randomUUID());
            return true;
        };
        java.util.function.LongFunction<Request> allocation = i -> Request.post(uri,
                Map.of("Authorization", "Bearer " + token.get()), "{\"requestId\":\"bench-" + UUID.randomUUID() + "\"}");
        Predicate<Response> counted = r -> statuses.ok(r, ok);
        Alternation a = alternate("digital card-number allocation (numberseries-service direct)", "pgbench UPDATE+INSERT",
                writeClients, pgbenchWriteClients, s -> client.closedLoop(writeClients, s, allocation, counted),
                s -> pgbench.updateInsert(pgbenchWriteClients, s));
        // Up to bench.allocations in all, for the duplicate count (not measured).
        while (allocated.get() < allocationsTarget) {
            double left = (allocationsTarget - allocated.get()) / Math.max(50, a.path.throughput());
            client.closedLoop(writeClients, Math.min(60, Math.max(1, left)), allocation, counted);
        }
        a.row.put("statuses", statuses.snapshot());
        a.row.put("allocations", allocated.get());
        a.row.put("duplicates", allocated.get() - numbers.size());
        a.row.put("target", ">= 2000/s, 0 duplicates in " + allocationsTarget);
        a.row.put("met", a.path.throughput() >= 2000 && allocated.get() == numbers.size());
    }

    private void orders() throws Exception {
        Token token = new Token(() -> maskinporten(LIBRARY_CLIENT, "series"));
        Statuses statuses = new Statuses();
        Alternation a = alternate("card-number series order (10 numbers)", "pgbench UPDATE+INSERT", writeClients,
                pgbenchWriteClients, s -> client.closedLoop(writeClients, s, i -> Request.post(
                        Suite.gatewayUrl() + "/api/v1/number-series",
                        Map.of("Authorization", "Bearer " + token.get(), "Library-Number", LIBRARY), "{\"count\": 10}"),
                        r -> statuses.ok(r, x -> x.status() == 201)),
                s -> pgbench.updateInsert(pgbenchWriteClients, s));
        a.row.put("statuses", statuses.snapshot());
        a.row.put("target", ">= 1000/s");
        a.row.put("met", a.path.throughput() >= 1000);
    }

    // --- Verification -------------------------------------------------------------------------------------

    private void verifications(Map<String, Object> fixture) throws Exception {
        @SuppressWarnings("unchecked")
        List<String> cards = (List<String>) fixture.get("cards");
        Token token = new Token(() -> maskinporten(PARTNER_CLIENT, "partner.auth"));
        Statuses statuses = new Statuses();
        Properties auth = new Properties();
        try (Reader r = Files.newBufferedReader(ProjectFiles.root().resolve("auth-service/src/main/resources/application.properties"))) {
            auth.load(r);
        }
        int memoryKib = Integer.parseInt(auth.getProperty("auth.hashing.memory-kib"));
        int iterations = Integer.parseInt(auth.getProperty("auth.hashing.iterations"));
        int parallelism = Integer.parseInt(auth.getProperty("auth.hashing.parallelism"));
        double[] cpuPerHash = new double[1];
        Alternation a = alternate("partner card + PIN verification", String.format(Locale.ROOT,
                        "Argon2id alone (m=%d KiB, t=%d, p=%d)", memoryKib, iterations, parallelism), verifyClients, cores,
                s -> client.closedLoop(verifyClients, s, i -> Request.post(
                        Suite.gatewayUrl() + "/api/v1/authentications/partner", Map.of("Authorization", "Bearer " + token.get()),
                        "{\"cardNumber\":\"" + cards.get((int) (i % cards.size())) + "\",\"pin\":\"" + PIN + "\"}"),
                        r -> statuses.ok(r, x -> x.status() == 200 && x.body().contains("\"valid\":true"))),
                s -> {
                    LoadClient.Result r = hashing(memoryKib, iterations, parallelism, s);
                    cpuPerHash[0] = r.clientCpu() / Math.max(1, r.ops());
                    return r;
                });
        Map<Integer, Long> seen = statuses.snapshot();
        a.row.put("statuses", seen);
        a.row.put("hashingBusy503", seen.getOrDefault(503, 0L));
        a.row.put("target", "ratio >= 80 %, no 503, p99 <= 250 ms");
        a.row.put("met", a.ratio() >= 0.8 && seen.getOrDefault(503, 0L) == 0 && p99Ms(a.path) <= 250);

        // Bookkeeping: the suite's CPU per verification minus what its hashing threads used (a hash in the suite costs
        // more CPU than alone: memory and caches are shared), as a rate on all cores, against pgbench writes.
        double suiteCpuPerOp = (double) a.row.get("suiteCpuMsPerOp") / 1000;
        double hashInSuite = (double) a.row.get("hashingCpuMsPerOp") / 1000;
        double bookkeeping = suiteCpuPerOp - hashInSuite;
        LoadClient.Result writes = pgbench.updateInsert(pgbenchWriteClients, roundSeconds);
        Map<String, Object> derived = new LinkedHashMap<>();
        derived.put("name", "verification bookkeeping (derived: suite CPU per verification minus its hashing threads')");
        derived.put("clients", "-");
        derived.put("throughput", bookkeeping > 0 ? cores / bookkeeping : Double.NaN);
        derived.put("cpuMsPerHash", cpuPerHash[0] * 1000);
        derived.put("cpuMsPerHashInSuite", hashInSuite * 1000);
        derived.put("bookkeepingCpuMs", bookkeeping * 1000);
        derived.put("reference", "pgbench UPDATE+INSERT");
        derived.put("referenceThroughput", writes.throughput());
        derived.put("ratio", bookkeeping > 0 ? cores / bookkeeping / writes.throughput() : Double.NaN);
        rows.add(derived);
    }

    /** Argon2id hashes on one thread per core for a round: the machine's hashing limit (ops = hashes). */
    private LoadClient.Result hashing(int memoryKib, int iterations, int parallelism, double seconds) throws Exception {
        Argon2Advanced argon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        LongAdder cpuNanos = new LongAdder();
        LoadClient.Result r = LoadClient.closedLoop(cores, seconds, i -> {
            long c0 = threads.getCurrentThreadCpuTime();
            byte[] salt = new byte[16];
            ThreadLocalRandom.current().nextBytes(salt);
            argon2.rawHash(iterations, memoryKib, parallelism, PIN.getBytes(), salt);
            cpuNanos.add(threads.getCurrentThreadCpuTime() - c0);
            return true;
        });
        // clientCpu: the hashing threads' own CPU (not the whole JVM's)
        return new LoadClient.Result(r.ops(), r.errors(), r.seconds(), r.latency(), cpuNanos.sum() / 1e9);
    }

    /**
     * Filmoteket as a partner of 2030000 with age thresholds 15 and 18 (as MemoryBenchmark sets it up), 20 patrons
     * registered with a PIN, and a pairwise subject of each from one verification.
     */
    private Map<String, Object> partnerFixture() {
        String admin = maskinporten(Suite.ADMIN, "admin");
        gateway(admin).body("{\"partnerServices\": [\"filmoteket\"], \"unstaffedMinimumAge\": 15}")
                .patch("/api/v1/libraries/" + LIBRARY).then().statusCode(200);
        gateway(admin).body("{\"name\": \"Filmoteket\", \"kind\": \"FILM\", \"ageThresholds\": [15, 18], "
                + "\"requiresPayingLibrary\": true}").put("/api/v1/partners/filmoteket").then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        List<String> cards = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        String partner = maskinporten(PARTNER_CLIENT, "partner.auth");
        for (int i = 0; i < 20; i++) {
            String card = Suite.registerPatron("bench" + i + "@example.no", PIN);
            cards.add(card);
            String body = Suite.retrying503(() -> gateway(partner).body("{\"cardNumber\":\"" + card + "\",\"pin\":\"" + PIN + "\"}")
                    .post("/api/v1/authentications/partner")).then().statusCode(200).extract().asString();
            Matcher m = SUBJECT.matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("a partner verification gave no pairwise subject: " + body);
            }
            subjects.add(m.group(1));
        }
        return Map.of("cards", cards, "subjects", subjects);
    }

    // --- Alternation, rows, report --------------------------------------------------------------------------

    @FunctionalInterface
    private interface Side {
        LoadClient.Result run(double seconds) throws Exception;
    }

    /** The two sides' results over all rounds and the path's row. */
    private record Alternation(LoadClient.Result path, LoadClient.Result reference, Map<String, Object> row) {
        double ratio() {
            return path.throughput() / reference.throughput();
        }
    }

    /** Warm-up of the path, then {@code rounds} × (path, reference); both rows added, the ratio on the path's. */
    private Alternation alternate(String name, String referenceName, int clients, int referenceClients, Side path,
                                  Side reference) throws Exception {
        // Warm-up until the JIT has done its work: on this 2-core machine the services' C2 compiler threads took up to
        // two thirds of a core for minutes after a path started, which a fixed warm-up counted as the path's cost.
        // Chunks of bench.warmupSeconds until, in two chunks in a row, the suite's compiler threads used less than
        // 5 % of the chunk's time and the throughput rose by no more than 5 % over the best before; at most
        // bench.maxWarmupSeconds.
        double warmed = 0;
        double best = -1;
        int steady = 0;
        while (warmupSeconds > 0 && warmed < maxWarmupSeconds && steady < 2) {
            double jit0 = SuiteProcesses.jitCpuSeconds();
            LoadClient.Result warm = path.run(warmupSeconds);
            double jitShare = (SuiteProcesses.jitCpuSeconds() - jit0) / warm.seconds();
            warmed += warm.seconds();
            System.out.printf(Locale.ROOT, "BENCH   warm-up %s: %.0f/s, %d errors, JIT compilers %.0f %% of a core%n", name,
                    warm.throughput(), warm.errors(), jitShare * 100);
            steady = best > 0 && warm.throughput() <= best * 1.05 && jitShare < 0.05 ? steady + 1 : 0;
            best = Math.max(best, warm.throughput());
        }
        List<LoadClient.Result> as = new ArrayList<>();
        List<LoadClient.Result> bs = new ArrayList<>();
        double suiteCpu = 0;
        double jitCpu = 0;
        double hashCpu = 0;
        for (int r = 1; r <= rounds; r++) {
            double cpu0 = SuiteProcesses.cpuSeconds();
            double jit0 = SuiteProcesses.jitCpuSeconds();
            double hash0 = SuiteProcesses.hashingCpuSeconds();
            LoadClient.Result a = path.run(roundSeconds);
            suiteCpu += SuiteProcesses.cpuSeconds() - cpu0;
            jitCpu += SuiteProcesses.jitCpuSeconds() - jit0;
            hashCpu += SuiteProcesses.hashingCpuSeconds() - hash0;
            LoadClient.Result b = reference.run(roundSeconds);
            as.add(a);
            bs.add(b);
            System.out.printf(Locale.ROOT, "BENCH   round %d: %s %.0f/s (p99 %.1f ms, %d errors) | %s %.0f/s (p99 %.1f ms)%n", r,
                    name, a.throughput(), p99Ms(a), a.errors(), referenceName, b.throughput(), p99Ms(b));
        }
        LoadClient.Result a = merge(as);
        LoadClient.Result b = merge(bs);
        Map<String, Object> row = row(name, clients, a, as);
        row.put("warmupSeconds", warmed);
        Map<String, Object> refRow = row("  reference: " + referenceName, referenceClients, b, bs);
        refRow.put("reference", "-");
        row.put("reference", referenceName);
        row.put("referenceThroughput", b.throughput());
        row.put("ratio", a.throughput() / b.throughput());
        row.put("suiteCpuMsPerOp", a.ops() > 0 ? suiteCpu * 1000 / a.ops() : Double.NaN);
        row.put("jitCpuMsPerOp", a.ops() > 0 ? jitCpu * 1000 / a.ops() : Double.NaN);
        row.put("hashingCpuMsPerOp", a.ops() > 0 ? hashCpu * 1000 / a.ops() : Double.NaN);
        row.put("clientCpuMsPerOp", a.ops() > 0 ? a.clientCpu() * 1000 / a.ops() : Double.NaN);
        return new Alternation(a, b, row);
    }

    private static LoadClient.Result merge(List<LoadClient.Result> results) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        long ops = 0;
        long errors = 0;
        double seconds = 0;
        double cpu = 0;
        for (LoadClient.Result r : results) {
            h.add(r.latency());
            ops += r.ops();
            errors += r.errors();
            seconds += r.seconds();
            cpu += r.clientCpu();
        }
        return new LoadClient.Result(ops, errors, seconds, h, cpu);
    }

    private Map<String, Object> row(String name, Object clients, LoadClient.Result r, List<LoadClient.Result> perRound) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("clients", clients);
        row.put("throughput", r.throughput());
        row.put("p50Ms", r.latency().getValueAtPercentile(50) / 1e6);
        row.put("p99Ms", p99Ms(r));
        row.put("maxMs", r.latency().getMaxValue() / 1e6);
        row.put("ops", r.ops());
        row.put("errors", r.errors());
        row.put("seconds", r.seconds());
        if (perRound != null) {
            row.put("roundThroughputs", perRound.stream().map(LoadClient.Result::throughput).toList());
        }
        rows.add(row);
        return row;
    }

    private static double p99Ms(LoadClient.Result r) {
        return r.latency().getValueAtPercentile(99) / 1e6;
    }

    private void report(String started, String loadStart) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", started);
        json.put("finished", ZonedDateTime.now(ZoneOffset.UTC).withNano(0).toString());
        json.put("cores", cores);
        json.put("memoryMiB", memTotalMib());
        json.put("loadAtStart", loadStart);
        json.put("loadAtEnd", loadAverage());
        json.put("quiet", System.getProperty("bench.quiet", "unknown"));
        json.put("gitCommit", System.getProperty("bench.commit", "unknown"));
        json.put("autovacuum", System.getProperty("bench.autovacuum", "unknown"));
        json.put("settings", Map.of("roundSeconds", roundSeconds, "warmupSeconds", warmupSeconds, "maxWarmupSeconds", maxWarmupSeconds, "rounds", rounds,
                "paths", paths, "patrons", patrons, "allocations", allocationsTarget));
        json.put("rows", rows);
        List<Map<String, Object>> footprint = Footprint.read(System.getProperty("bench.footprint"));
        json.put("footprint", footprint);

        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "Hot paths (scripts/bench.sh), %s UTC; %d cores, %d MiB; load average at start %s, at end %s; %s%n",
                started, cores, memTotalMib(), loadStart, loadAverage(), json.get("quiet")));
        t.append(String.format(Locale.ROOT, "%d rounds x %.0f s per side (A B A B ...) after warm-up in %.0f s chunks until steady (JIT idle, within 5 %%; at most %.0f s); %d patrons; commit %s; PostgreSQL autovacuum %s%n%n",
                rounds, roundSeconds, warmupSeconds, maxWarmupSeconds, patrons, json.get("gitCommit"), json.get("autovacuum")));
        t.append(String.format(Locale.ROOT, "| %-72s | %-9s | %10s | %8s | %8s | %7s | %8s | %-18s | %s |%n", "path", "clients",
                "per s", "p50 ms", "p99 ms", "errors", "ratio", "suite CPU ms/op", "target"));
        t.append("|").append("-".repeat(74)).append("|-----------|------------|----------|----------|---------|----------|--------------------|--------|\n");
        for (Map<String, Object> row : rows) {
            String target = row.containsKey("target") ? row.get("target") + (Boolean.TRUE.equals(row.get("met")) ? ": met" : ": NOT met") : "";
            if (row.containsKey("duplicates")) {
                target += "; " + row.get("duplicates") + " duplicates in " + row.get("allocations");
            }
            if (row.containsKey("hashingBusy503")) {
                target += "; " + row.get("hashingBusy503") + " x 503";
            }
            if (row.containsKey("bookkeepingCpuMs")) {
                target = String.format(Locale.ROOT, "%.1f ms CPU per verification besides its hash (%.1f ms in the suite, %.1f ms alone); vs pgbench write %.0f/s",
                        row.get("bookkeepingCpuMs"), row.get("cpuMsPerHashInSuite"), row.get("cpuMsPerHash"), row.get("referenceThroughput"));
            }
            t.append(String.format(Locale.ROOT, "| %-72s | %-9s | %10.0f | %8s | %8s | %7s | %8s | %-18s | %s |%n", row.get("name"),
                    row.get("clients"), (double) row.get("throughput"), fmt(row.get("p50Ms")), fmt(row.get("p99Ms")),
                    row.getOrDefault("errors", "-"), row.containsKey("ratio") ? String.format(Locale.ROOT, "%.1f %%", 100 * (double) row.get("ratio")) : "",
                    row.containsKey("suiteCpuMsPerOp") ? fmt(row.get("suiteCpuMsPerOp")) + " (JIT " + fmt(row.get("jitCpuMsPerOp")) + ")" : "",
                    target));
        }
        if (!footprint.isEmpty()) {
            t.append(String.format(Locale.ROOT, "%nFootprint, each service started alone (targets: ready <= 3 s, idle RSS <= 200 MiB)%n"));
            t.append(String.format(Locale.ROOT, "| %-22s | %-60s | %14s | %17s | %13s |%n", "service", "JVM options beside run.sh's",
                    "ready after ms", "Quarkus started s", "idle RSS MiB"));
            t.append("|------------------------|--------------------------------------------------------------|----------------|-------------------|---------------|\n");
            for (Map<String, Object> f : footprint) {
                t.append(String.format(Locale.ROOT, "| %-22s | %-60s | %14s | %17s | %13s |%n", f.get("service"), f.get("options"),
                        f.get("readyMs"), f.get("startedInSeconds"), f.get("idleRssMiB")));
            }
        }
        System.out.println();
        System.out.println(t);
        Files.createDirectories(out.getParent());
        Files.writeString(Path.of(out + ".txt"), t.toString());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(out + ".json").toFile(), json);
        System.out.println("BENCH results: " + out + ".txt and " + out + ".json");
    }

    private static String fmt(Object value) {
        return value instanceof Double d ? (d.isNaN() ? "-" : String.format(Locale.ROOT, d < 10 ? "%.2f" : "%.1f", d)) : "-";
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static long memTotalMib() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /**
     * A token renewed once a minute (the mock's tokens live 120 s). Only the first fetch blocks; a renewal runs on a
     * background thread while the current token (still valid for a minute) goes on being used, so that the load
     * client's event loop and the open loop's sender never wait for the OIDC server in a measured round.
     */
    private static final class Token {
        private static final long RENEW_AFTER_NANOS = 60_000_000_000L;
        private static final java.util.concurrent.ExecutorService RENEWER =
                java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "bench-token-renewal");
                    t.setDaemon(true);
                    return t;
                });
        private final Supplier<String> fetch;
        private final java.util.concurrent.atomic.AtomicBoolean renewing = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile String token;
        private volatile long fetchedAt;

        Token(Supplier<String> fetch) {
            this.fetch = fetch;
        }

        String get() {
            if (token == null) {
                synchronized (this) {
                    if (token == null) {
                        renew();
                    }
                }
            } else if (System.nanoTime() - fetchedAt > RENEW_AFTER_NANOS && renewing.compareAndSet(false, true)) {
                RENEWER.execute(() -> {
                    try {
                        renew();
                    } finally {
                        renewing.set(false);
                    }
                });
            }
            return token;
        }

        private void renew() {
            long at = System.nanoTime();
            token = fetch.get();
            fetchedAt = at;
        }
    }

    /** Response statuses seen by a path (for the JSON: what its errors were). */
    private static final class Statuses {
        private final Map<Integer, LongAdder> seen = new ConcurrentHashMap<>();

        boolean ok(Response response, Predicate<Response> ok) {
            seen.computeIfAbsent(response.status(), k -> new LongAdder()).increment();
            return ok.test(response);
        }

        Map<Integer, Long> snapshot() {
            Map<Integer, Long> m = new java.util.TreeMap<>();
            seen.forEach((k, v) -> m.put(k, v.sum()));
            return m;
        }
    }
}
