package no.nb.bibliotekkortet.patron.lifecycle;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.common.outbox.Outbox;
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

    private final EntityManager em;
    private final Outbox outbox;
    private final PatronErasure erasure;
    private final LifecycleConfig config;
    private final InactivityRules rules;
    private final Clock clock;

    public InactivityJob(EntityManager em, Outbox outbox, PatronErasure erasure, LifecycleConfig config, Clock clock) {
        this.em = em;
        this.outbox = outbox;
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
            int n = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                    delete from inactivity_warning where patron_id in (
                        select w.patron_id from inactivity_warning w left join patron p on p.id = w.patron_id
                        where p.id is null or p.state <> 'ACTIVE' or coalesce(p.last_activity_at, p.created_at) > w.warned_at
                        limit ?1 for update of w skip locked)""")
                    .setParameter(1, config.batchSize()).executeUpdate());
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
            List<Object[]> batch = QuarkusTransaction.requiringNew().call(() -> warnBatch(from, dueBefore, now, deletionDate));
            total += batch.size();
            if (batch.size() < config.batchSize()) {
                return total;
            }
            after = (UUID) batch.get(batch.size() - 1)[0];
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> warnBatch(UUID after, Instant dueBefore, Instant now, LocalDate deletionDate) {
        List<Object[]> rows = em.createNativeQuery("""
                select p.id, p.language from patron p
                where p.state = 'ACTIVE' and coalesce(p.last_activity_at, p.created_at) < ?1 and p.id > ?2
                  and not exists (select 1 from inactivity_warning w where w.patron_id = p.id)
                order by p.id limit ?3 for update of p skip locked""")
                .setParameter(1, dueBefore).setParameter(2, after).setParameter(3, config.batchSize()).getResultList();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            em.createNativeQuery("insert into inactivity_warning (patron_id, warned_at, deletion_date) values (?1, ?2, ?3) "
                            + "on conflict (patron_id) do nothing")
                    .setParameter(1, id).setParameter(2, now).setParameter(3, deletionDate).executeUpdate();
            outbox.enqueue("notification-service", "/internal/v1/notifications", warning(id, (String) r[1], deletionDate));
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

    @SuppressWarnings("unchecked")
    private List<UUID> deleteBatch(UUID after, LocalDate today, Instant now) {
        List<UUID> ids = em.createNativeQuery("""
                select p.id from patron p join inactivity_warning w on w.patron_id = p.id
                where w.deletion_date <= ?1 and p.state = 'ACTIVE'
                  and coalesce(p.last_activity_at, p.created_at) <= w.warned_at and p.id > ?2
                order by p.id limit ?3 for update of p skip locked""")
                .setParameter(1, today).setParameter(2, after).setParameter(3, config.batchSize()).getResultList();
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
