package no.nb.bibliotekkortet.numberseries.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

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

    /** Sets the number a claimed digital request got. */
    public void setNumber(String requestId, long number) {
        getEntityManager().createNativeQuery("update card_number_request set number = :n where request_id = :id")
                .setParameter("n", number).setParameter("id", requestId).executeUpdate();
    }

    /** Marks a request released at {@code at}. */
    public void markReleased(String requestId, Instant at) {
        getEntityManager().createNativeQuery("update card_number_request set released_at = :at where request_id = :id")
                .setParameter("at", at).setParameter("id", requestId).executeUpdate();
    }
}
