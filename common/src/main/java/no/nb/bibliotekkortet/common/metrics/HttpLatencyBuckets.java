package no.nb.bibliotekkortet.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Gives {@code http_server_requests_seconds} a fixed, small set of histogram buckets (25 ms … 10 s) so that the
 * dashboards can show p50/p99 per route and the latency SLO alerts can count requests slower than their threshold
 * ({@code le="0.5"}, {@code le="1.0"}, docs/observability.md). Fixed buckets, not Micrometer's ~70 default ones: the
 * series count stays routes × statuses × 10.
 */
@Singleton
public class HttpLatencyBuckets {

    /** Bucket upper bounds in seconds. */
    static final double[] BOUNDS = {0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!"http.server.requests".equals(id.getName())) {
                    return config;
                }
                double[] nanos = new double[BOUNDS.length];
                for (int i = 0; i < BOUNDS.length; i++) {
                    nanos[i] = Duration.ofMillis(Math.round(BOUNDS[i] * 1000)).toNanos();
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
