package no.nb.bibliotekkortet.auth.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import no.nb.bibliotekkortet.auth.domain.Partner;

/** The partner registry (R18, R11). */
@ApplicationScoped
public class PartnerRepository {

    private static final String COLUMNS = "partner_id, name, kind, array_to_string(age_thresholds, ','), requires_paying_library";

    private final EntityManager em;

    public PartnerRepository(EntityManager em) {
        this.em = em;
    }

    /** Inserts or replaces; returns true when the partner was new. */
    public boolean upsert(Partner p, Instant now) {
        boolean existed = find(p.partnerId()).isPresent();
        em.createNativeQuery("insert into partner (partner_id, name, kind, age_thresholds, requires_paying_library, "
                        + "created_at, updated_at) values (?1, ?2, ?3, cast(?4 as integer[]), ?5, ?6, ?6) "
                        + "on conflict (partner_id) do update set name = excluded.name, kind = excluded.kind, "
                        + "age_thresholds = excluded.age_thresholds, "
                        + "requires_paying_library = excluded.requires_paying_library, updated_at = excluded.updated_at")
                .setParameter(1, p.partnerId()).setParameter(2, p.name()).setParameter(3, p.kind().name())
                .setParameter(4, "{" + p.ageThresholds().stream().map(String::valueOf).collect(Collectors.joining(",")) + "}")
                .setParameter(5, p.requiresPayingLibrary()).setParameter(6, now).executeUpdate();
        return !existed;
    }

    /** Inserts a new partner; a duplicate id violates the primary key (caller maps to 409). */
    public void insert(Partner p, Instant now) {
        em.createNativeQuery("insert into partner (partner_id, name, kind, age_thresholds, requires_paying_library, "
                        + "created_at, updated_at) values (?1, ?2, ?3, cast(?4 as integer[]), ?5, ?6, ?6)")
                .setParameter(1, p.partnerId()).setParameter(2, p.name()).setParameter(3, p.kind().name())
                .setParameter(4, "{" + p.ageThresholds().stream().map(String::valueOf).collect(Collectors.joining(",")) + "}")
                .setParameter(5, p.requiresPayingLibrary()).setParameter(6, now).executeUpdate();
    }

    /** The partner with this id, if registered. */
    @SuppressWarnings("unchecked")
    public Optional<Partner> find(String partnerId) {
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from partner where partner_id = ?1")
                .setParameter(1, partnerId).getResultList();
        return rows.stream().findFirst().map(PartnerRepository::partner);
    }

    /** Every registered partner, ordered by id. */
    @SuppressWarnings("unchecked")
    public List<Partner> list() {
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from partner order by partner_id").getResultList();
        return rows.stream().map(PartnerRepository::partner).toList();
    }

    private static Partner partner(Object[] r) {
        String thresholds = (String) r[3];
        List<Integer> ages = thresholds == null || thresholds.isEmpty() ? List.of()
                : Arrays.stream(thresholds.split(",")).map(Integer::valueOf).sorted().toList();
        return new Partner((String) r[0], (String) r[1], Partner.Kind.valueOf((String) r[2]), ages, (Boolean) r[4]);
    }
}
