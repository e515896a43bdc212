package no.nb.bibliotekkortet.patron.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * patron-service's own side of the erasure-verify contract: counts rows that still hold personal data matching any
 * patron id, keyed identity hash, e-mail (case-insensitive) or E.164 phone — patrons, cards, the membership copy,
 * guardianships (as child, as guardian by id or hash, and the guardian's declared e-mail/phone) and inactivity warnings.
 */
@ApplicationScoped
public class HeldData {

    /** What to look for ({@code hashes} base64 keyed identity hashes, {@code phones} E.164); empty lists match nothing. */
    public record Query(List<UUID> patronIds, List<String> hashes, List<String> emails, List<String> phones) {
    }

    /** A value no column holds (empty lists would be invalid SQL). */
    private static final String NOTHING = "-- nothing --";

    private final EntityManager em;

    public HeldData(EntityManager em) {
        this.em = em;
    }

    /** The number of rows still holding anything about the people in {@code q} (0 after erasure). */
    @Transactional
    public long count(Query q) {
        List<UUID> ids = q.patronIds().isEmpty() ? List.of(new UUID(0, 0)) : q.patronIds();
        List<String> hashes = q.hashes().isEmpty() ? List.of(NOTHING) : q.hashes();
        List<String> emails = q.emails().isEmpty() ? List.of(NOTHING) : q.emails().stream().map(String::toLowerCase).toList();
        List<String> phones = q.phones().isEmpty() ? List.of(NOTHING) : q.phones();
        long n = 0;
        n += count("select count(*) from patron where id in (:ids) or encode(identity_hash, 'base64') in (:hashes) or lower(email) in (:emails) "
                + "or phone_mobile in (:phones) or phone_home in (:phones) or phone_work in (:phones)", ids, hashes, emails, phones);
        n += count("select count(*) from guardianship where child_id in (:ids) or guardian_patron_id in (:ids) "
                + "or encode(guardian_hash, 'base64') in (:hashes) or lower(guardian_email) in (:emails) or guardian_phone in (:phones)",
                ids, hashes, emails, phones);
        n += count("select count(*) from card where patron_id in (:ids)", ids, null, null, null);
        n += count("select count(*) from patron_library where patron_id in (:ids)", ids, null, null, null);
        n += count("select count(*) from inactivity_warning where patron_id in (:ids)", ids, null, null, null);
        return n;
    }

    /** Patrons with exactly these names (informational: other people may share a name). */
    @Transactional
    public long sameName(String givenNames, String surname) {
        return ((Number) em.createNativeQuery("select count(*) from patron where given_names = ?1 and surname = ?2")
                .setParameter(1, givenNames).setParameter(2, surname).getSingleResult()).longValue();
    }

    private long count(String sql, List<UUID> ids, List<String> hashes, List<String> emails, List<String> phones) {
        var query = em.createNativeQuery(sql).setParameter("ids", ids);
        if (hashes != null) {
            query.setParameter("hashes", hashes).setParameter("emails", emails).setParameter("phones", phones);
        }
        return ((Number) query.getSingleResult()).longValue();
    }
}
