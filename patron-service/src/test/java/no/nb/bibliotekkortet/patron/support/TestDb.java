package no.nb.bibliotekkortet.patron.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Direct reads of the test database, to show what is (not) stored. */
@ApplicationScoped
public class TestDb {

    private final EntityManager em;

    public TestDb(EntityManager em) {
        this.em = em;
    }

    public long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    public Object single(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql).getSingleResult());
    }

    /** Empties patron-service's own tables (not the outbox, which the relay drains). */
    public void clean() {
        QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("truncate guardianship, card, patron, patron_library, change_record cascade").executeUpdate());
    }
}
