package no.nb.bibliotekkortet.patron.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import no.nb.bibliotekkortet.patron.lifecycle.PatronErasure;
import no.nb.bibliotekkortet.patron.repository.ChangeRecords;

/**
 * patron-service's business metrics (docs/observability.md), every series registered at start with zero. Labels are
 * fixed enums, never a patron id, card number or identity number.
 *
 * <ul>
 *   <li>{@code patron_registrations_total{channel}}: new patrons by {@code staff} (a library system, R3),
 *       {@code self} (ID-porten, R9) and {@code guardian} (a child registered by a guardian, R22).</li>
 *   <li>{@code patron_lookups_total{by, outcome}}: staff lookups by {@code card_number} or {@code identity_number},
 *       {@code found} or {@code not_found}.</li>
 *   <li>{@code patron_change_records_total{kind}}: change-feed records written (CREATED, UPDATED, CARD_CHANGED,
 *       DELETED).</li>
 *   <li>{@code patron_erasures_total{cause}}: patrons deleted, by SELF, ADMIN or INACTIVITY.</li>
 * </ul>
 * Webhook metrics are in {@link no.nb.bibliotekkortet.patron.webhook.WebhookDeliverer}.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class PatronMetrics {

    /** How a patron was registered: the {@code channel} label. */
    public enum Channel { STAFF, SELF, GUARDIAN }

    /** What a lookup was by: the {@code by} label. */
    public enum LookupBy { CARD_NUMBER, IDENTITY_NUMBER }

    private final Map<Channel, Counter> registrations = new EnumMap<>(Channel.class);
    private final Map<String, Counter> lookups = new HashMap<>();
    private final Map<ChangeRecords.Kind, Counter> changeRecords = new EnumMap<>(ChangeRecords.Kind.class);
    private final Map<PatronErasure.Cause, Counter> erasures = new EnumMap<>(PatronErasure.Cause.class);

    private final TransactionSynchronizationRegistry transactions;

    public PatronMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        for (Channel c : Channel.values()) {
            registrations.put(c, Counter.builder("patron.registrations").description("New patrons by channel")
                    .tag("channel", lower(c)).register(registry));
        }
        for (LookupBy by : LookupBy.values()) {
            for (String outcome : new String[] {"found", "not_found"}) {
                lookups.put(by + outcome, Counter.builder("patron.lookups").description("Staff lookups of a patron")
                        .tag("by", lower(by)).tag("outcome", outcome).register(registry));
            }
        }
        for (ChangeRecords.Kind k : ChangeRecords.Kind.values()) {
            changeRecords.put(k, Counter.builder("patron.change.records").description("Change-feed records written")
                    .tag("kind", k.name()).register(registry));
        }
        for (PatronErasure.Cause c : PatronErasure.Cause.values()) {
            erasures.put(c, Counter.builder("patron.erasures").description("Patrons deleted, by cause")
                    .tag("cause", c.name()).register(registry));
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Counts a registered patron. */
    public void registered(Channel channel) {
        registrations.get(channel).increment();
    }

    /** Counts a lookup and its outcome. */
    public void lookedUp(LookupBy by, boolean found) {
        lookups.get(by + (found ? "found" : "not_found")).increment();
    }

    /** Counts a change-feed record written in the current transaction, when that transaction commits. */
    public void changeRecord(ChangeRecords.Kind kind) {
        afterCommit(changeRecords.get(kind), 1);
    }

    /** Counts {@code patrons} deleted for {@code cause} in the current transaction, when it commits. */
    public void erased(PatronErasure.Cause cause, int patrons) {
        afterCommit(erasures.get(cause), patrons);
    }

    private void afterCommit(Counter counter, int amount) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    counter.increment(amount);
                }
            }
        });
    }
}
