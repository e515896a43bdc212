package no.nb.bibliotekkortet.auth.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.auth.config.AuthConfig;
import no.nb.bibliotekkortet.auth.repository.ActivityRepository;
import org.jboss.logging.Logger;

/**
 * Activity of successful verifications (R21) reported to patron-service in batches (issue 20): a verification adds a
 * row in its own transaction ({@link #add}); every {@code auth.activity.batch-interval} (1 s) up to
 * {@code auth.activity.batch-size} (500) rows become one outbox message in one transaction — the rows are deleted as
 * the message is written, so nothing is lost or sent twice by this step, and the outbox delivers it with its
 * retries. Within a batch only the latest time per card and kind is sent (patron-service keeps the latest activity
 * only). patron-service skips cards no ACTIVE patron holds any more ({@code ?unknown=skip}), so one erased patron does
 * not hold back the others.
 */
@ApplicationScoped
public class ActivityBatches {

    private static final Logger LOG = Logger.getLogger(ActivityBatches.class);

    private final ActivityRepository pending;
    private final Messages messages;
    private final int batchSize;

    public ActivityBatches(ActivityRepository pending, Messages messages, AuthConfig config) {
        this.pending = pending;
        this.messages = messages;
        this.batchSize = config.activity().batchSize();
    }

    /** Queues one activity of {@code patronId} with {@code cardNumber} (in the caller's transaction). */
    public void add(String patronId, String cardNumber, String kind, Instant at) {
        pending.add(patronId, cardNumber, kind, at);
    }

    /** Runs on the schedule: batches until fewer than a full batch are waiting; skipped while a run is going. */
    @Scheduled(every = "${auth.activity.batch-interval:1s}", delayed = "${auth.activity.initial-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            while (flush() == batchSize) {
                // a full batch: more may wait
            }
        } catch (RuntimeException e) {
            LOG.warnf("Activity batching failed: %s", e.getClass().getSimpleName());
        }
    }

    /**
     * Moves up to one batch of waiting activity into one outbox message now (tests call it to skip the schedule).
     *
     * @return how many activity rows were taken
     */
    public int flush() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<ActivityRepository.Pending> rows = pending.take(batchSize);
            if (rows.isEmpty()) {
                return 0;
            }
            Map<String, ActivityRepository.Pending> latest = new LinkedHashMap<>();
            for (ActivityRepository.Pending p : rows) {
                latest.merge(p.cardNumber() + ' ' + p.kind(), p, (a, b) -> b.at().isAfter(a.at()) ? b : a);
            }
            List<Map<String, String>> reports = new ArrayList<>(latest.size());
            for (ActivityRepository.Pending p : latest.values()) {
                reports.add(Map.of("cardNumber", p.cardNumber(), "kind", p.kind(), "at", p.at().toString()));
            }
            messages.activityBatch(reports);
            return rows.size();
        });
    }
}
