package no.nb.bibliotekkortet.patron.lifecycle;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.patron.repository.InactivityRepository;
import no.nb.bibliotekkortet.patron.service.Messages;
import org.jboss.logging.Logger;

/**
 * Deletion after inactivity (R21), run daily ({@link LifecycleScheduler}) or directly (tests, operations).
 * Three passes, each in batches of {@code register.lifecycle.batch-size} patrons, every batch its own short
 * transaction whose rows are taken with {@code for update skip locked} (no long table locks; concurrent writers
 * and a second run simply skip them):
 * <ol>
 * <li>cancel: a warning followed by activity (last activity after the warning) is dropped — the cycle restarts;
 *     orphaned warnings of patrons deleted by other means are dropped too;</li>
 * <li>warn: ACTIVE patrons without a warning whose last activity (else registration) date D satisfies
 *     today ≥ D + 3 years − 30 days get {@code inactivity-warning} {deletionDate = today + 30 days} and a
 *     warning row (same transaction as the outbox row: a crash never double-warns, a batch is all or nothing);</li>
 * <li>delete: warned patrons whose deletion date has come and with no activity since the warning are deleted as in
 *     unregistration ({@link PatronErasure}, cause INACTIVITY, notice {@code deleted-inactive}), with one erasure
 *     call per service per batch.</li>
 * </ol>
 * Keyset pagination by patron id keeps memory bounded; a restart after a crash resumes from the state in the table.
 */
@ApplicationScoped
public class InactivityJob {

    private static final Logger LOG = Logger.getLogger(InactivityJob.class);

    /** Counts of one run. */
    public record Result(int cancelled, int warned, int deleted) {
    }

    private final InactivityRepository warnings;
    private final Messages messages;
    private final PatronErasure erasure;
    private final LifecycleConfig config;
    private final InactivityRules rules;
    private final Clock clock;

    public InactivityJob(InactivityRepository warnings, Messages messages, PatronErasure erasure, LifecycleConfig config, Clock clock) {
        this.warnings = warnings;
        this.messages = messages;
        this.erasure = erasure;
        this.config = config;
        this.rules = new InactivityRules(config.inactivityPeriod(), config.warningLead());
        this.clock = clock;
    }

    /** One full run for the current Europe/Oslo date. */
    public Result run() {
        int cancelled = cancelPass();
        int warned = warnPass();
        int deleted = deletePass();
        LOG.infof("inactivity run: %d warnings cancelled, %d warned, %d deleted", cancelled, warned, deleted);
        return new Result(cancelled, warned, deleted);
    }

    /** Drops warnings followed by activity, and orphans; returns how many. */
    public int cancelPass() {
        int total = 0;
        while (true) {
            int n = QuarkusTransaction.requiringNew().call(() -> warnings.cancelOutdatedWarnings(config.batchSize()));
            total += n;
            if (n < config.batchSize()) {
                return total;
            }
        }
    }

    /** Warns every due patron not yet warned; returns how many were warned now. */
    public int warnPass() {
        Instant now = Instant.now(clock);
        LocalDate today = LocalDate.ofInstant(now, config.zone());
        LocalDate deletionDate = rules.deletionDate(today);
        // last activity on or before this date (Oslo) → due: i.e. before the start of the next Oslo day
        Instant dueBefore = rules.latestDueLastActivity(today).plusDays(1).atStartOfDay(config.zone()).toInstant();
        int total = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            UUID from = after;
            List<InactivityRepository.Due> batch = QuarkusTransaction.requiringNew().call(() -> warnBatch(from, dueBefore, now, deletionDate));
            total += batch.size();
            if (batch.size() < config.batchSize()) {
                return total;
            }
            after = batch.get(batch.size() - 1).patronId();
        }
    }

    private List<InactivityRepository.Due> warnBatch(UUID after, Instant dueBefore, Instant now, LocalDate deletionDate) {
        List<InactivityRepository.Due> rows = warnings.lockDueForWarning(after, dueBefore, config.batchSize());
        for (InactivityRepository.Due r : rows) {
            warnings.warn(r.patronId(), now, deletionDate);
            messages.notify(warning(r.patronId(), r.language(), deletionDate));
        }
        return rows;
    }

    /** Deletes every warned patron whose deletion date has come and who stayed inactive; returns how many. */
    public int deletePass() {
        Instant now = Instant.now(clock);
        LocalDate today = LocalDate.ofInstant(now, config.zone());
        int total = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            UUID from = after;
            List<UUID> batch = QuarkusTransaction.requiringNew().call(() -> deleteBatch(from, today, now));
            total += (int) batch.stream().filter(x -> x != null).count();
            if (batch.size() < config.batchSize()) {
                return total;
            }
            after = batch.get(batch.size() - 1);
        }
    }

    private List<UUID> deleteBatch(UUID after, LocalDate today, Instant now) {
        List<UUID> ids = warnings.lockDueForDeletion(today, after, config.batchSize());
        erasure.erase(erasure.lock(ids), PatronErasure.Cause.INACTIVITY, "SYSTEM", null, "deleted-inactive", Map.of(), now);
        return ids;
    }

    /** {@code inactivity-warning} {deletionDate yyyy-MM-dd}; key {@code inactivity-warning-<patronId>-<date>}. */
    static Map<String, Object> warning(UUID patronId, String language, LocalDate deletionDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", "inactivity-warning-" + patronId + "-" + deletionDate);
        body.put("recipient", Map.of("patronId", patronId.toString()));
        body.put("channel", "PREFERRED");
        body.put("template", "inactivity-warning");
        body.put("language", language);
        body.put("params", Map.of("deletionDate", deletionDate.toString()));
        return body;
    }
}
