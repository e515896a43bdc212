package no.nb.bibliotekkortet.numberseries.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import no.nb.bibliotekkortet.numberseries.domain.CardNumbers;
import no.nb.bibliotekkortet.numberseries.domain.NumberSpace;
import no.nb.bibliotekkortet.numberseries.repository.SeriesRepository;

/**
 * numberseries-service's business metrics (docs/observability.md). Counters are registered at start with zero;
 * the gauges are computed from the database at start and every {@code register.numberseries.metrics-refresh} (default 60 s).
 *
 * <ul>
 *   <li>{@code numberseries_numbers_left{owner}}: numbers of an owner's series not yet issued or retired; owner is a
 *       7-digit library number (not personal data; bounded by the library directory) or {@code digital} for the
 *       national digital series, which grows by itself while the space lasts.</li>
 *   <li>{@code numberseries_space_left}: numbers of {@code N000000001..N999999999} above every reserved series
 *       (R12): what orders and digital growth can still take.</li>
 *   <li>{@code numberseries_allocations_total{kind}}: numbers handed out, {@code issued} (a printed number issued
 *       by its library) or {@code digital} (allocated from the digital series); repeats of a request id do not
 *       count.</li>
 *   <li>{@code numberseries_orders_total{outcome}}: series orders, {@code ordered}, {@code out_of_range} (422) or
 *       {@code exhausted} (409, the space cannot hold it).</li>
 * </ul>
 */
@ApplicationScoped
@Startup
public class NumberSeriesMetrics {

    private final SeriesRepository series;
    private final MultiGauge left;
    private final AtomicLong spaceLeft = new AtomicLong(CardNumbers.MAX);
    private final Map<String, Counter> allocations = new HashMap<>();
    private final Map<String, Counter> orders = new HashMap<>();

    public NumberSeriesMetrics(MeterRegistry registry, SeriesRepository series) {
        this.series = series;
        this.left = MultiGauge.builder("numberseries.numbers.left")
                .description("Numbers of an owner's series not yet issued or retired").register(registry);
        Gauge.builder("numberseries.space.left", spaceLeft, AtomicLong::get)
                .description("Card numbers above every reserved series").register(registry);
        for (String kind : new String[] {"issued", "digital"}) {
            allocations.put(kind, Counter.builder("numberseries.allocations").description("Card numbers handed out")
                    .tag("kind", kind).register(registry));
        }
        for (String outcome : new String[] {"ordered", "out_of_range", "exhausted"}) {
            orders.put(outcome, Counter.builder("numberseries.orders").description("Series orders by outcome")
                    .tag("outcome", outcome).register(registry));
        }
    }

    /** Counts a number handed out: {@code issued} or {@code digital}. */
    public void allocated(String kind) {
        allocations.get(kind).increment();
    }

    /** Counts an order's outcome: {@code ordered}, {@code out_of_range} or {@code exhausted}. */
    public void order(String outcome) {
        orders.get(outcome).increment();
    }

    /** Recomputes the gauges from the database (one grouped query over the series and the index on card_number). */
    @Scheduled(every = "${register.numberseries.metrics-refresh:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        Map<String, Long> rows = QuarkusTransaction.requiringNew().call(series::numbersLeftByOwner);
        List<MultiGauge.Row<?>> gauges = new ArrayList<>();
        rows.forEach((owner, left) -> gauges.add(MultiGauge.Row.of(Tags.of("owner", owner), left)));
        left.register(gauges, true);
        spaceLeft.set(NumberSpace.remainingAbove(QuarkusTransaction.requiringNew().call(series::highestReserved)));
    }
}
