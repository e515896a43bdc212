package no.nb.bibliotekkortet.notification.service;

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
import java.util.List;
import no.nb.bibliotekkortet.notification.config.TimeSource;
import no.nb.bibliotekkortet.notification.repository.Notification;
import no.nb.bibliotekkortet.notification.repository.NotificationRepository;
import no.nb.bibliotekkortet.notification.template.TemplateId;

/**
 * Prometheus metrics, tagged {@code channel} and {@code template} (never personal data):
 * {@code notifications_sent_total}, {@code notifications_failed_total} (failed attempts),
 * {@code notifications_dead_total}, and the gauges {@code notifications_queue_depth} (not yet final) and
 * {@code notifications_queue_oldest_age_seconds}, refreshed every {@code notification.metrics.refresh}.
 * For queued notifications the channel is the requested one (EMAIL, SMS or PREFERRED).
 */
@ApplicationScoped
public class NotificationMetrics {

    private final MeterRegistry registry;
    private final NotificationRepository repository;
    private final TimeSource time;
    private final MultiGauge depth;
    private final MultiGauge oldestAge;

    public NotificationMetrics(MeterRegistry registry, NotificationRepository repository, TimeSource time) {
        this.registry = registry;
        this.repository = repository;
        this.time = time;
        this.depth = MultiGauge.builder("notifications.queue.depth")
                .description("Notifications not yet sent, dead or cancelled").register(registry);
        this.oldestAge = MultiGauge.builder("notifications.queue.oldest.age").baseUnit("seconds")
                .description("Age of the oldest notification not yet final").register(registry);
    }

    /** Counts a delivered notification. */
    public void sent(Notification.Channel channel, TemplateId template) {
        registry.counter("notifications.sent", tags(channel.name(), template.id())).increment();
    }

    /** Counts a failed attempt (whether or not it will be retried). */
    public void failed(Notification.Channel channel, TemplateId template) {
        registry.counter("notifications.failed", tags(channel.name(), template.id())).increment();
    }

    /** Counts a notification that became dead. */
    public void dead(Notification.Channel channel, TemplateId template) {
        registry.counter("notifications.dead", tags(channel.name(), template.id())).increment();
    }

    /** Recomputes the queue gauges from the database. */
    @Scheduled(every = "${notification.metrics.refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void refreshQueueGauges() {
        Instant now = time.now();
        List<MultiGauge.Row<?>> depthRows = new ArrayList<>();
        List<MultiGauge.Row<?>> ageRows = new ArrayList<>();
        for (Object[] row : repository.queueStats()) {
            Tags tags = tags((String) row[0], (String) row[1]);
            depthRows.add(MultiGauge.Row.of(tags, ((Number) row[2]).longValue()));
            Instant oldest = toInstant(row[3]);
            ageRows.add(MultiGauge.Row.of(tags, Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0)));
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

    private static Tags tags(String channel, String template) {
        return Tags.of("channel", channel, "template", template);
    }
}
