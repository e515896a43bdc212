package no.nb.bibliotekkortet.auth.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/** Activity of verifications waiting to be batched for patron-service (table {@code activity_pending}, issue 20). */
@ApplicationScoped
public class ActivityRepository {

    /** One waiting activity: the card used, the kind and when. */
    public record Pending(String cardNumber, String kind, Instant at) {
    }

    private final EntityManager em;

    public ActivityRepository(EntityManager em) {
        this.em = em;
    }

    /** Adds one activity (in the caller's transaction). */
    public void add(String patronId, String cardNumber, String kind, Instant at) {
        em.createNativeQuery("insert into activity_pending (patron_id, card_number, kind, at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, patronId).setParameter(2, cardNumber).setParameter(3, kind).setParameter(4, at)
                .executeUpdate();
    }

    /**
     * Removes and returns up to {@code limit} of the oldest waiting rows; rows another transaction is taking are
     * skipped ({@code FOR UPDATE SKIP LOCKED}), so replicas never take the same row. Gone only when the caller's
     * transaction commits.
     */
    @SuppressWarnings("unchecked")
    public List<Pending> take(int limit) {
        List<Object[]> rows = em.createNativeQuery("delete from activity_pending where id in (select id from "
                        + "activity_pending order by id limit ?1 for update skip locked) returning card_number, kind, at")
                .setParameter(1, limit).getResultList();
        return rows.stream().map(r -> new Pending((String) r[0], (String) r[1], LockoutRepository.instant(r[2]))).toList();
    }

    /** Deletes the waiting activity of these patrons (erasure); returns the rows removed. */
    public int delete(List<String> patronIds) {
        return em.createNativeQuery("delete from activity_pending where patron_id = any(cast(?1 as varchar[]))")
                .setParameter(1, patronIds.toArray(String[]::new)).executeUpdate();
    }
}
