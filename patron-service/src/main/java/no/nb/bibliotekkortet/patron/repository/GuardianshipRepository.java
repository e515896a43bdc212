package no.nb.bibliotekkortet.patron.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Guardians' declared relationships to children (R22). The guardian is held only as the keyed hash of their
 * identity number (and their patron id when registered); the declaration and an in-person confirmation by
 * staff are recorded with who and when.
 */
@ApplicationScoped
public class GuardianshipRepository {

    /** One guardianship; {@code confirmedBy} is a library number, null until staff confirm it in person. */
    public record Guardianship(UUID childId, UUID guardianPatronId, String guardianEmail, String guardianPhone,
                               String declaredBy, Instant declaredAt, String confirmedBy, Instant confirmedAt) {
    }

    private static final String COLUMNS = "child_id, guardian_patron_id, guardian_email, guardian_phone, declared_by, "
            + "declared_at, confirmed_by, confirmed_at";

    private final EntityManager em;

    public GuardianshipRepository(EntityManager em) {
        this.em = em;
    }

    /** Records a guardian's declaration (in the registration's transaction). */
    public void declare(UUID childId, byte[] guardianHash, UUID guardianPatronId, String email, String phone, Instant at) {
        em.createNativeQuery("insert into guardianship (child_id, guardian_hash, guardian_patron_id, guardian_email, "
                        + "guardian_phone, declared_by, declared_at) values (?1, ?2, ?3, ?4, ?5, 'GUARDIAN', ?6)")
                .setParameter(1, childId).setParameter(2, guardianHash).setParameter(3, guardianPatronId)
                .setParameter(4, email).setParameter(5, phone).setParameter(6, at).executeUpdate();
    }

    /** The child's guardianships (normally one). */
    public List<Guardianship> ofChild(UUID childId) {
        return rows(em.createNativeQuery("select " + COLUMNS + " from guardianship where child_id = ?1 order by declared_at")
                .setParameter(1, childId).getResultList());
    }

    /** The guardianships the guardian with this keyed identity hash declared. */
    public List<Guardianship> ofGuardian(byte[] guardianHash) {
        return rows(em.createNativeQuery("select " + COLUMNS + " from guardianship where guardian_hash = ?1 order by declared_at")
                .setParameter(1, guardianHash).getResultList());
    }

    /** The guardianship of this guardian for this child, if any. */
    public Optional<Guardianship> find(UUID childId, byte[] guardianHash) {
        return rows(em.createNativeQuery("select " + COLUMNS + " from guardianship where child_id = ?1 and guardian_hash = ?2")
                .setParameter(1, childId).setParameter(2, guardianHash).getResultList()).stream().findFirst();
    }

    /**
     * Staff at {@code libraryNumber} confirm every unconfirmed guardianship of the child in person.
     *
     * @return how many were confirmed now (0 when already confirmed or none)
     */
    public int confirm(UUID childId, String libraryNumber, Instant at) {
        return em.createNativeQuery("update guardianship set confirmed_by = ?2, confirmed_at = ?3 "
                        + "where child_id = ?1 and confirmed_by is null")
                .setParameter(1, childId).setParameter(2, libraryNumber).setParameter(3, at).executeUpdate();
    }

    /**
     * A guardianship whose child may have turned 15 (R22), with what the guardian's notice needs: the declared
     * contact (either may be null), the registered guardian's patron id (or null), the child's names and language.
     */
    public record AgeingOut(UUID childId, byte[] guardianHash, UUID guardianPatronId, String guardianEmail,
                            String guardianPhone, String childGivenNames, String childSurname, LocalDate childBirthDate,
                            String childLanguage) {
    }

    /**
     * Up to {@code limit} guardianships of children born on or before {@code bornOnOrBefore}, row-locked; rows
     * locked by a concurrent run are skipped ({@code skip locked}).
     */
    @SuppressWarnings("unchecked")
    public List<AgeingOut> lockAgeingOut(LocalDate bornOnOrBefore, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                select g.child_id, g.guardian_hash, g.guardian_patron_id, g.guardian_email, g.guardian_phone,
                       c.given_names, c.surname, c.birth_date, c.language
                from guardianship g join patron c on c.id = g.child_id
                where c.birth_date <= ?1
                limit ?2 for update of g skip locked""")
                .setParameter(1, bornOnOrBefore).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new AgeingOut((UUID) r[0], (byte[]) r[1], (UUID) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], r[7] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[7],
                (String) r[8])).toList();
    }

    /** Removes one guardianship; returns how many rows were removed (0 or 1). */
    public int remove(UUID childId, byte[] guardianHash) {
        return em.createNativeQuery("delete from guardianship where child_id = ?1 and guardian_hash = ?2")
                .setParameter(1, childId).setParameter(2, guardianHash).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private static List<Guardianship> rows(List<?> raw) {
        return ((List<Object[]>) raw).stream().map(r -> new Guardianship((UUID) r[0], (UUID) r[1], (String) r[2],
                (String) r[3], (String) r[4], SqlValues.instant(r[5]), (String) r[6], SqlValues.instant(r[7]))).toList();
    }

}
