package no.nb.bibliotekkortet.patron.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Inactivity warnings and the patrons due for one (R21). Every batch query takes its rows with
 * {@code for update skip locked}: concurrent writers and a second run skip them. Callers hold the transaction.
 */
@ApplicationScoped
public class InactivityRepository {

    /** A patron due for a warning, with the language of the notice. */
    public record Due(UUID patronId, String language) {
    }

    private final EntityManager em;

    public InactivityRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Drops up to {@code limit} warnings that activity followed (last activity after the warning), and those of
     * patrons no longer ACTIVE or gone; returns how many.
     */
    public int cancelOutdatedWarnings(int limit) {
        return em.createNativeQuery("""
                delete from inactivity_warning where patron_id in (
                    select w.patron_id from inactivity_warning w left join patron p on p.id = w.patron_id
                    where p.id is null or p.state <> 'ACTIVE' or coalesce(p.last_activity_at, p.created_at) > w.warned_at
                    limit ?1 for update of w skip locked)""")
                .setParameter(1, limit).executeUpdate();
    }

    /**
     * Up to {@code limit} ACTIVE patrons with id after {@code after}, not warned, whose last activity (else
     * registration) is before {@code dueBefore}; ordered by id, row-locked.
     */
    @SuppressWarnings("unchecked")
    public List<Due> lockDueForWarning(UUID after, Instant dueBefore, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                select p.id, p.language from patron p
                where p.state = 'ACTIVE' and coalesce(p.last_activity_at, p.created_at) < ?1 and p.id > ?2
                  and not exists (select 1 from inactivity_warning w where w.patron_id = p.id)
                order by p.id limit ?3 for update of p skip locked""")
                .setParameter(1, dueBefore).setParameter(2, after).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new Due((UUID) r[0], (String) r[1])).toList();
    }

    /** Records the warning (at most one per patron). */
    public void warn(UUID patronId, Instant warnedAt, LocalDate deletionDate) {
        em.createNativeQuery("insert into inactivity_warning (patron_id, warned_at, deletion_date) values (?1, ?2, ?3) "
                        + "on conflict (patron_id) do nothing")
                .setParameter(1, patronId).setParameter(2, warnedAt).setParameter(3, deletionDate).executeUpdate();
    }

    /**
     * Up to {@code limit} ids after {@code after} of ACTIVE warned patrons whose deletion date is on or before
     * {@code today} and with no activity since the warning; ordered, row-locked.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> lockDueForDeletion(LocalDate today, UUID after, int limit) {
        return em.createNativeQuery("""
                select p.id from patron p join inactivity_warning w on w.patron_id = p.id
                where w.deletion_date <= ?1 and p.state = 'ACTIVE'
                  and coalesce(p.last_activity_at, p.created_at) <= w.warned_at and p.id > ?2
                order by p.id limit ?3 for update of p skip locked""")
                .setParameter(1, today).setParameter(2, after).setParameter(3, limit).getResultList();
    }
}
