package no.nb.bibliotekkortet.auth.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;

/** Counts what auth-service still holds about patrons (erasure verification). */
@ApplicationScoped
public class ErasureRepository {

    private static final List<String> TABLES = List.of("credential", "secret_hash", "lockout",
            "pairwise_verification", "age_check_count", "one_time_code", "activity_pending");

    private final EntityManager em;

    public ErasureRepository(EntityManager em) {
        this.em = em;
    }

    /** Rows about these patron ids in every table that holds patron data. */
    public long count(List<String> patronIds) {
        long total = 0;
        String[] ids = patronIds.toArray(String[]::new);
        for (String table : TABLES) {
            Object n = em.createNativeQuery("select count(*) from " + table + " where patron_id = any(cast(?1 as varchar[]))")
                    .setParameter(1, ids).getSingleResult();
            total += ((Number) n).longValue();
        }
        return total;
    }
}
