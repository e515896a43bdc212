package no.nb.bibliotekkortet.patron.lifecycle;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.common.outbox.Outbox;
import no.nb.bibliotekkortet.patron.domain.Ages;
import no.nb.bibliotekkortet.patron.repository.ChangeFeedWriter;
import org.jboss.logging.Logger;

/**
 * R22: from a child's 15th birthday (Europe/Oslo date; 29 February → 1 March, {@link Ages}) the guardian's access
 * has ended. This daily job removes the guardianship rows of children who have reached 15 and sends the guardian
 * {@code guardian-access-ended} {childName} (to the declared e-mail/phone, else the registered guardian's patron id),
 * in batches, each batch one transaction with its outbox rows. Idempotent: a removed link is not found again, and
 * the notice's key is {@code guardian-access-ended-<childId>-<guardian hash prefix>}.
 */
@ApplicationScoped
public class GuardianAccessJob {

    private static final Logger LOG = Logger.getLogger(GuardianAccessJob.class);

    private final EntityManager em;
    private final Outbox outbox;
    private final ChangeFeedWriter guardianFeed;
    private final LifecycleConfig config;
    private final Clock clock;

    public GuardianAccessJob(EntityManager em, Outbox outbox, ChangeFeedWriter guardianFeed, LifecycleConfig config, Clock clock) {
        this.em = em;
        this.outbox = outbox;
        this.guardianFeed = guardianFeed;
        this.config = config;
        this.clock = clock;
    }

    /** Ends the access of every guardian whose child has turned 15; returns how many links were removed. */
    public int run() {
        Instant now = Instant.now(clock);
        LocalDate today = LocalDate.ofInstant(now, config.zone());
        int total = 0;
        while (true) {
            int n = QuarkusTransaction.requiringNew().call(() -> batch(today, now));
            total += n;
            if (n < config.batchSize()) {
                LOG.infof("guardian access ended for %d links", total);
                return total;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private int batch(LocalDate today, Instant now) {
        // Candidates by a conservative date bound, decided exactly by Ages (29 February) below.
        List<Object[]> rows = em.createNativeQuery("""
                select g.child_id, g.guardian_hash, g.guardian_patron_id, g.guardian_email, g.guardian_phone,
                       c.given_names, c.surname, c.birth_date, c.language
                from guardianship g join patron c on c.id = g.child_id
                where c.birth_date <= ?1
                limit ?2 for update of g skip locked""")
                .setParameter(1, today.minusYears(15)).setParameter(2, config.batchSize()).getResultList();
        int removed = 0;
        for (Object[] r : rows) {
            LocalDate birth = r[7] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[7];
            if (Ages.yearsOn(birth, today) < 15) {
                continue;
            }
            UUID child = (UUID) r[0];
            byte[] hash = (byte[]) r[1];
            Map<String, Object> recipient = new LinkedHashMap<>();
            if (r[3] != null) {
                recipient.put("email", r[3]);
            }
            if (r[4] != null) {
                recipient.put("phone", r[4]);
            }
            if (recipient.isEmpty() && r[2] != null) {
                recipient.put("patronId", r[2].toString());
            }
            if (!recipient.isEmpty()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("idempotencyKey", "guardian-access-ended-" + child + "-" + HexFormat.of().formatHex(hash, 0, 8));
                body.put("recipient", recipient);
                body.put("channel", "PREFERRED");
                body.put("template", "guardian-access-ended");
                body.put("language", r[8]);
                body.put("params", Map.of("childName", r[5] + " " + r[6]));
                outbox.enqueue("notification-service", "/internal/v1/notifications", body);
            }
            removed += em.createNativeQuery("delete from guardianship where child_id = ?1 and guardian_hash = ?2")
                    .setParameter(1, child).setParameter(2, hash).executeUpdate();
            // Issue 16: the ended guardianship is a change of field guardians for the child's libraries to sync.
            guardianFeed.updated(child, libraries(child), List.of("guardians"), "SYSTEM", now);
        }
        // Rows skipped because the child is not 15 yet (date bound) must not stop the loop forever.
        return rows.size() == config.batchSize() && removed == 0 ? 0 : rows.size();
    }

    @SuppressWarnings("unchecked")
    private List<String> libraries(UUID patronId) {
        return em.createNativeQuery("select library_number from patron_library where patron_id = ?1 order by library_number")
                .setParameter(1, patronId).getResultList();
    }
}
