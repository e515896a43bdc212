package no.nb.bibliotekkortet.notification.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.notification.config.TimeSource;
import no.nb.bibliotekkortet.notification.repository.Notification;
import no.nb.bibliotekkortet.notification.repository.NotificationRepository;
import no.nb.bibliotekkortet.notification.template.TemplateId;

/**
 * Prometheus metrics (docs/observability.md), every series registered at start with zero (never personal data):
 * {@code notifications_sent_total}, {@code notifications_failed_total} (failed attempts) and
 * {@code notifications_dead_total}, tagged {@code channel} and {@code template} (sent: the channel used, EMAIL or SMS;
 * failed and dead: the requested one, which may be PREFERRED); and the gauges
 * {@code notifications_queue_depth} (not yet final) and {@code notifications_queue_oldest_age_seconds}, tagged
 * {@code channel} (the requested one: EMAIL, SMS or PREFERRED), computed at start and every
 * {@code notification.metrics.refresh}.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class NotificationMetrics {

    private final NotificationRepository repository;
    private final TimeSource time;
    private final MultiGauge depth;
    private final MultiGauge oldestAge;
    private final Map<String, Counter> counters = new HashMap<>();

    public NotificationMetrics(MeterRegistry registry, NotificationRepository repository, TimeSource time) {
        this.repository = repository;
        this.time = time;
        this.depth = MultiGauge.builder("notifications.queue.depth")
                .description("Notifications not yet sent, dead or cancelled").register(registry);
        this.oldestAge = MultiGauge.builder("notifications.queue.oldest.age").baseUnit("seconds")
                .description("Age of the oldest notification not yet final").register(registry);
        for (String name : new String[] {"sent", "failed", "dead"}) {
            for (Notification.Channel channel : Notification.Channel.values()) {
                for (TemplateId template : TemplateId.values()) {
                    counters.put(key(name, channel, template), Counter.builder("notifications." + name)
                            .tags(Tags.of("channel", channel.name(), "template", template.id())).register(registry));
                }
            }
        }
        depth.register(zeroRows(), true);
        oldestAge.register(zeroRows(), true);
    }

    private static String key(String name, Notification.Channel channel, TemplateId template) {
        return name + "/" + channel + "/" + template.id();
    }

    private static List<MultiGauge.Row<?>> zeroRows() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Notification.Channel channel : Notification.Channel.values()) {
            rows.add(MultiGauge.Row.of(Tags.of("channel", channel.name()), 0));
        }
        return rows;
    }

    /** Counts a delivered notification. */
    public void sent(Notification.Channel channel, TemplateId template) {
        counters.get(key("sent", channel, template)).increment();
    }

    /** Counts a failed attempt (whether or not it will be retried). */
    public void failed(Notification.Channel channel, TemplateId template) {
        counters.get(key("failed", channel, template)).increment();
    }

    /** Counts a notification that became dead. */
    public void dead(Notification.Channel channel, TemplateId template) {
        counters.get(key("dead", channel, template)).increment();
    }

    /** Recomputes the queue gauges from the database (every channel has a row, 0 when nothing waits). */
    @Scheduled(every = "${notification.metrics.refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void refreshQueueGauges() {
        Instant now = time.now();
        Map<String, long[]> depthByChannel = new HashMap<>();
        Map<String, Instant> oldestByChannel = new HashMap<>();
        for (Object[] row : repository.queueStats()) {
            String channel = (String) row[0];
            depthByChannel.computeIfAbsent(channel, c -> new long[1])[0] += ((Number) row[2]).longValue();
            Instant oldest = toInstant(row[3]);
            oldestByChannel.merge(channel, oldest, (a, b) -> a.isBefore(b) ? a : b);
        }
        List<MultiGauge.Row<?>> depthRows = new ArrayList<>();
        List<MultiGauge.Row<?>> ageRows = new ArrayList<>();
        for (Notification.Channel channel : Notification.Channel.values()) {
            Tags tags = Tags.of("channel", channel.name());
            long[] count = depthByChannel.get(channel.name());
            depthRows.add(MultiGauge.Row.of(tags, count == null ? 0 : count[0]));
            Instant oldest = oldestByChannel.get(channel.name());
            ageRows.add(MultiGauge.Row.of(tags, oldest == null ? 0
                    : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0)));
        }
        depth.register(depthRows, true);
        oldestAge.register(ageRows, true);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
