package no.nb.bibliotekkortet.patron.lifecycle;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.patron.domain.Ages;
import no.nb.bibliotekkortet.patron.repository.ChangeFeedWriter;
import no.nb.bibliotekkortet.patron.repository.GuardianshipRepository;
import no.nb.bibliotekkortet.patron.repository.PatronLibraryRepository;
import no.nb.bibliotekkortet.patron.service.Messages;
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

    private final GuardianshipRepository guardianships;
    private final PatronLibraryRepository libraries;
    private final Messages messages;
    private final ChangeFeedWriter guardianFeed;
    private final LifecycleConfig config;
    private final Clock clock;

    public GuardianAccessJob(GuardianshipRepository guardianships, PatronLibraryRepository libraries, Messages messages, ChangeFeedWriter guardianFeed, LifecycleConfig config, Clock clock) {
        this.guardianships = guardianships;
        this.libraries = libraries;
        this.messages = messages;
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

    private int batch(LocalDate today, Instant now) {
        // Candidates by a conservative date bound, decided exactly by Ages (29 February) below.
        List<GuardianshipRepository.AgeingOut> rows = guardianships.lockAgeingOut(today.minusYears(15), config.batchSize());
        int removed = 0;
        for (GuardianshipRepository.AgeingOut r : rows) {
            if (Ages.yearsOn(r.childBirthDate(), today) < 15) {
                continue;
            }
            UUID child = r.childId();
            byte[] hash = r.guardianHash();
            Map<String, Object> recipient = new LinkedHashMap<>();
            if (r.guardianEmail() != null) {
                recipient.put("email", r.guardianEmail());
            }
            if (r.guardianPhone() != null) {
                recipient.put("phone", r.guardianPhone());
            }
            if (recipient.isEmpty() && r.guardianPatronId() != null) {
                recipient.put("patronId", r.guardianPatronId().toString());
            }
            if (!recipient.isEmpty()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("idempotencyKey", "guardian-access-ended-" + child + "-" + HexFormat.of().formatHex(hash, 0, 8));
                body.put("recipient", recipient);
                body.put("channel", "PREFERRED");
                body.put("template", "guardian-access-ended");
                body.put("language", r.childLanguage());
                body.put("params", Map.of("childName", r.childGivenNames() + " " + r.childSurname()));
                messages.notify(body);
            }
            removed += guardianships.remove(child, hash);
            // The ended guardianship is a change of field guardians for the child's libraries to sync (R15).
            guardianFeed.updated(child, libraries.libraryNumbers(child), List.of("guardians"), "SYSTEM", now);
        }
        // Rows skipped because the child is not 15 yet (date bound) must not stop the loop forever.
        return rows.size() == config.batchSize() && removed == 0 ? 0 : rows.size();
    }
}
