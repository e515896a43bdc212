package no.nb.bibliotekkortet.numberseries.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Request ids of issue and digital-allocation calls (idempotency). */
@ApplicationScoped
public class CardNumberRequestRepository implements PanacheRepositoryBase<CardNumberRequest, String> {

    /**
     * Claims a request id for this transaction. A concurrent transaction claiming the same id waits for
     * this one to end.
     *
     * @return true when the id is new; false when it was processed before (read it with {@link #findById})
     */
    public boolean claim(String requestId, CardNumberRequest.Operation operation, Long number, String libraryNumber, Instant at) {
        return getEntityManager().createNativeQuery("""
                        insert into card_number_request (request_id, operation, number, library_number, created_at)
                        values (:id, :op, cast(:number as bigint), cast(:library as varchar), :at)
                        on conflict (request_id) do nothing""")
                .setParameter("id", requestId)
                .setParameter("op", operation.name())
                .setParameter("number", number)
                .setParameter("library", libraryNumber)
                .setParameter("at", at)
                .executeUpdate() == 1;
    }

    /**
     * Claims the request ids of a batch of digital allocations in one statement (the number is set when
     * it is issued, {@link CardNumberRepository#issueDigital}). An id already claimed, or repeated within
     * the batch, is claimed only once; a concurrent transaction claiming one of them waits for this one. Ids are
     * claimed in sorted order, so two batches (of two instances) that share ids wait for each other, never deadlock.
     *
     * @param requestIds the callers' request ids
     * @param at         when each request came, same order
     * @return the ids this call claimed (the others were processed before: read them with {@link #findById})
     */
    @SuppressWarnings("unchecked")
    public Set<String> claimDigital(String[] requestIds, Instant[] at) {
        List<String> claimed = getEntityManager().createNativeQuery("""
                        insert into card_number_request (request_id, operation, created_at)
                        select id, 'DIGITAL', at from unnest(cast(:ids as varchar[]), cast(:at as timestamptz[])) as r (id, at)
                        order by id
                        on conflict (request_id) do nothing
                        returning request_id""")
                .setParameter("ids", requestIds)
                .setParameter("at", at)
                .getResultList();
        return new HashSet<>(claimed);
    }

    /** Marks a request released at {@code at}. */
    public void markReleased(String requestId, Instant at) {
        getEntityManager().createNativeQuery("update card_number_request set released_at = :at where request_id = :id")
                .setParameter("at", at).setParameter("id", requestId).executeUpdate();
    }
}
