package no.nb.bibliotekkortet.numberseries.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Audit records (R12). */
@ApplicationScoped
public class AuditRepository implements PanacheRepository<AuditEvent> {

    /** Every record whose range covers {@code number}, oldest first (uses the GiST index on the range). */
    @SuppressWarnings("unchecked")
    public List<AuditEvent> forNumber(long number) {
        return getEntityManager().createNativeQuery(
                        "select * from audit_event where numbers @> cast(:n as bigint) order by at, id", AuditEvent.class)
                .setParameter("n", number)
                .getResultList();
    }
}
