package no.nb.bibliotekkortet.common.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nb.bibliotekkortet.common.outbox.repository.OutboxRepository;
import org.eclipse.microprofile.config.Config;

/**
 * The outbox's metrics in every service (docs/observability.md), tagged {@code destination} (a service name from
 * {@code register.services.<destination>.url}; every configured one is registered at start with zero):
 * <ul>
 *   <li>{@code outbox_pending{destination}}: rows waiting for delivery (gauge);</li>
 *   <li>{@code outbox_oldest_age_seconds{destination}}: age of the oldest waiting row, 0 when none (gauge);</li>
 *   <li>{@code outbox_dead_letters{destination}}: rows in the dead-letter table now (gauge);</li>
 *   <li>{@code outbox_attempts_total{destination, outcome}}: delivery attempts, outcome {@code delivered},
 *       {@code failed} (kept for a retry) or {@code dead_lettered} (moved to the dead-letter table).</li>
 * </ul>
 * The gauges are computed from the database at start and every {@code register.outbox.metrics-refresh} (default
 * 15 s); the application's name is the Prometheus job, so the source service is not a label.
 */
@ApplicationScoped
@Startup
public class OutboxMetrics {

    private static final Pattern DESTINATION = Pattern.compile("register\\.services\\.([a-z0-9-]+)\\.url");
    /** Attempt outcomes: the {@code outcome} label. */
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String DEAD_LETTERED = "dead_lettered";

    private final MeterRegistry registry;
    private final OutboxRepository outbox;
    private final Set<String> destinations = new TreeSet<>();
    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();
    private final MultiGauge pending;
    private final MultiGauge oldestAge;
    private final MultiGauge deadLetters;

    public OutboxMetrics(MeterRegistry registry, OutboxRepository outbox, Config config) {
        this.registry = registry;
        this.outbox = outbox;
        for (String name : config.getPropertyNames()) {
            Matcher m = DESTINATION.matcher(name);
            if (m.matches()) {
                destinations.add(m.group(1));
            }
        }
        pending = MultiGauge.builder("outbox.pending").description("Outbox rows waiting for delivery").register(registry);
        oldestAge = MultiGauge.builder("outbox.oldest.age").baseUnit("seconds")
                .description("Age of the oldest outbox row waiting for delivery").register(registry);
        deadLetters = MultiGauge.builder("outbox.dead.letters")
                .description("Outbox messages in the dead-letter table").register(registry);
        for (String destination : destinations) {
            for (String outcome : new String[] {DELIVERED, FAILED, DEAD_LETTERED}) {
                counter(destination, outcome);
            }
        }
        publish(Map.of(), Map.of(), Map.of());
    }

    /** Counts one delivery attempt's outcome. */
    public void attempt(String destination, String outcome) {
        counter(destination, outcome).increment();
    }

    private Counter counter(String destination, String outcome) {
        return attempts.computeIfAbsent(destination + "/" + outcome, k -> Counter.builder("outbox.attempts")
                .description("Outbox delivery attempts by outcome").tag("destination", destination)
                .tag("outcome", outcome).register(registry));
    }

    /** Recomputes the gauges from the database (two grouped queries). */
    @Scheduled(every = "${register.outbox.metrics-refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        OutboxRepository.Backlog backlog = QuarkusTransaction.requiringNew().call(outbox::backlog);
        publish(backlog.waiting(), backlog.oldestAgeSeconds(), backlog.dead());
    }

    private synchronized void publish(Map<String, Number> waiting, Map<String, Number> age, Map<String, Number> dead) {
        Set<String> all = new TreeSet<>(destinations);
        all.addAll(waiting.keySet());
        all.addAll(dead.keySet());
        pending.register(rows(all, waiting), true);
        oldestAge.register(rows(all, age), true);
        deadLetters.register(rows(all, dead), true);
    }

    private static List<MultiGauge.Row<?>> rows(Set<String> destinations, Map<String, Number> values) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String destination : destinations) {
            Number value = values.get(destination);
            rows.add(MultiGauge.Row.of(Tags.of("destination", destination), value == null ? 0 : value.doubleValue()));
        }
        return rows;
    }
}
