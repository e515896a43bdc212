package no.nb.bibliotekkortet.notification.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import no.nb.bibliotekkortet.notification.config.NotificationConfig;
import org.jboss.logging.Logger;

/**
 * Polls for due notifications every {@code notification.delivery.interval} on one background thread per
 * instance. (quarkus-scheduler checks its triggers once a second; this worker's interval is a
 * {@link java.time.Duration}, so tests run it every few milliseconds.) Several instances may run: rows
 * are claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DeliveryService delivery;
    private final NotificationConfig config;
    private ScheduledExecutorService executor;

    public DeliveryWorker(DeliveryService delivery, NotificationConfig config) {
        this.delivery = delivery;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.delivery().enabled()) {
            LOG.info("Notification delivery is disabled (notification.delivery.enabled=false)");
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notification-delivery");
            t.setDaemon(true);
            return t;
        });
        long interval = config.delivery().interval().toMillis();
        executor.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(config.delivery().sendTimeout().toSeconds() + 5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One poll: deliver batches until a batch is not full. Never throws (the schedule must survive). */
    void poll() {
        try {
            while (delivery.deliverDue() >= config.delivery().batchSize()) {
                // keep going while there is a backlog
            }
        } catch (Exception e) {
            LOG.warn("Delivery poll failed; retrying at the next interval", e);
        }
    }
}
