package no.nb.bibliotekkortet.patron.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.patron.repository.ChangeFeedWriter;
import no.nb.bibliotekkortet.patron.repository.ErasureRepository;
import no.nb.bibliotekkortet.patron.repository.Patron;
import no.nb.bibliotekkortet.patron.service.Messages;

/**
 * Deletes patrons from the register (R20, R21) inside the caller's transaction: captures what the deletion
 * notices need (contact, libraries, card numbers), removes every personal datum patron-service holds (the patron
 * row with identity ciphertext and keyed hash, names, addresses, phones, e-mail; cards and aliases by cascade;
 * guardianships as child and as guardian; the membership copy; the inactivity warning), appends a DELETED
 * change record (the tombstone, no personal data) and records the cause. Through the outbox, in the same
 * transaction: the deletion notice (explicit recipient, queued before the erasures), one
 * {@code POST /internal/v1/erasures} [patron ids] per service (membership, auth, notification) for the whole
 * batch, and {@code POST /internal/v1/card-numbers/retirements} [card numbers] (≤ 1000 per call) to numberseries.
 * The keyed hash is gone with the row, so the same identity number can register again with new card numbers.
 */
@ApplicationScoped
public class PatronErasure {

    /**
     * Why a patron was deleted; {@code SELF} and {@code ADMIN} are unregistrations (R20), {@code INACTIVITY} is R21,
     * {@code DECEASED} the grace period after a death reported by the population register ended (R5, R6).
     */
    public enum Cause { SELF, ADMIN, INACTIVITY, DECEASED }

    /** What was deleted, captured before the data was removed. {@code libraryNumbers} is the membership copy. */
    public record Erased(UUID patronId, List<String> cardNumbers, List<String> libraryNumbers, String email,
                         String phone, String language) {
    }

    private static final int MAX_IDS_PER_CALL = 1000;

    private final ErasureRepository rows;
    private final Messages messages;
    private final ChangeFeedWriter feed;

    private final no.nb.bibliotekkortet.patron.metrics.PatronMetrics metrics;

    public PatronErasure(ErasureRepository rows, Messages messages, ChangeFeedWriter feed,
                         no.nb.bibliotekkortet.patron.metrics.PatronMetrics metrics) {
        this.metrics = metrics;
        this.rows = rows;
        this.messages = messages;
        this.feed = feed;
    }

    /**
     * Locks and loads the patrons with these ids (ACTIVE ones; ids of patrons already gone are skipped), waiting
     * for concurrent writers.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Patron> lock(Collection<UUID> ids) {
        return lock(ids, Patron.State.ACTIVE);
    }

    /** As {@link #lock(Collection)}, for patrons in {@code state} (DECEASED ones for the erasure after a death). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Patron> lock(Collection<UUID> ids, Patron.State state) {
        return rows.lock(ids, state);
    }

    /**
     * Deletes the (locked) patrons and queues every effect (see the class comment).
     *
     * @param patrons    loaded, locked patrons (e.g. from {@link #lock}); at most a few hundred
     * @param cause      SELF, ADMIN or INACTIVITY
     * @param erasedBy   {@code SELF}, the admin's client id, or {@code SYSTEM}
     * @param reason     the admin's recorded reason, else null
     * @param notice     the notice template ({@code unregistered} or {@code deleted-inactive}); null for none
     * @param libraryNames library number → name, for the {@code unregistered} notice's {@code libraries}
     * @param now        the deletion time
     * @return one entry per deleted patron, in the given order
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Erased> erase(List<Patron> patrons, Cause cause, String erasedBy, String reason, String notice,
                              Map<String, String> libraryNames, Instant now) {
        if (patrons.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = patrons.stream().map(p -> p.id).toList();
        metrics.erased(cause, patrons.size());
        Map<UUID, List<String>> cards = rows.cardNumbers(ids);
        Map<UUID, List<String>> libraries = rows.libraryNumbers(ids);
        Map<UUID, ErasureRepository.GuardianContact> guardianContact = rows.guardianContacts(ids);

        List<Erased> erased = new ArrayList<>();
        for (Patron p : patrons) {
            String email = p.email;
            String phone = p.phoneMobile;
            if (email == null && phone == null && guardianContact.containsKey(p.id)) {
                email = guardianContact.get(p.id).email();
                phone = guardianContact.get(p.id).phone();
            }
            erased.add(new Erased(p.id, cards.getOrDefault(p.id, List.of()), libraries.getOrDefault(p.id, List.of()),
                    email, phone, p.language));
        }

        rows.delete(patrons);

        List<String> allCards = new ArrayList<>();
        for (Erased e : erased) {
            feed.deleted(e.patronId(), e.libraryNumbers(), e.cardNumbers(), changedBy(cause), now);
            rows.log(e.patronId(), cause.name(), erasedBy, reason, now);
            if (notice != null && (e.email() != null || e.phone() != null)) {
                messages.notify(deletionNotice(e, notice, libraryNames));
            }
            allCards.addAll(e.cardNumbers());
        }
        List<String> idStrings = ids.stream().map(UUID::toString).toList();
        for (List<String> chunk : chunks(idStrings)) {
            for (String service : Messages.ERASING_SERVICES) {
                messages.erase(service, chunk);
            }
        }
        for (List<String> chunk : chunks(allCards)) {
            messages.retireCardNumbers(chunk);
        }
        return erased;
    }

    private static String changedBy(Cause cause) {
        return switch (cause) {
            case SELF -> "SELF";
            case ADMIN -> "ADMIN";
            case INACTIVITY -> "SYSTEM";
            case DECEASED -> "POPULATION_REGISTER";
        };
    }

    /**
     * The deletion notice per notification-service's contract: explicit recipient (captured now; patron-service
     * holds nothing after this transaction), business idempotency key {@code <template>-<patronId>}.
     */
    static Map<String, Object> deletionNotice(Erased e, String template, Map<String, String> libraryNames) {
        Map<String, Object> recipient = new LinkedHashMap<>();
        if (e.email() != null) {
            recipient.put("email", e.email());
        }
        if (e.phone() != null) {
            recipient.put("phone", e.phone());
        }
        recipient.put("patronId", e.patronId().toString());
        Map<String, Object> params = new LinkedHashMap<>();
        if ("unregistered".equals(template)) {
            params.put("libraries", e.libraryNumbers().stream()
                    .map(n -> libraryNames == null ? n : libraryNames.getOrDefault(n, n)).toList());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", template + "-" + e.patronId());
        body.put("recipient", recipient);
        body.put("channel", "PREFERRED");
        body.put("template", template);
        body.put("language", e.language());
        body.put("params", params);
        return body;
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<T> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(all));
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i += MAX_IDS_PER_CALL) {
            out.add(distinct.subList(i, Math.min(distinct.size(), i + MAX_IDS_PER_CALL)));
        }
        return out;
    }
}
