package no.nb.bibliotekkortet.membership.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Queries on the library directory. */
@ApplicationScoped
public class LibraryRepository implements PanacheRepositoryBase<Library, String> {

    /** The library, locked for update (ILL escalation steps are counted under this lock, R23). */
    public Optional<Library> findForUpdate(String libraryNumber) {
        return findByIdOptional(libraryNumber, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Searches the directory; every criterion is optional.
     *
     * @param namePrefix       case-insensitive prefix of the name
     * @param municipalityCode 4-digit municipality code
     * @param type             library type digit
     * @return matches ordered by library number
     */
    public List<Library> search(String namePrefix, String municipalityCode, Short type) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (namePrefix != null && !namePrefix.isBlank()) {
            q.append(" and lower(name) like :prefix");
            p.and("prefix", namePrefix.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (municipalityCode != null) {
            q.append(" and municipalityCode = :municipality");
            p.and("municipality", municipalityCode);
        }
        if (type != null) {
            q.append(" and type = :type");
            p.and("type", type);
        }
        return list(q + " order by libraryNumber", p);
    }

    /** Libraries without a signed data processing agreement, ordered by library number (R23 report). */
    public List<Library> unsigned() {
        return list("dpaSignedOn is null order by libraryNumber");
    }

    /**
     * Inserts a library from the seed list unless its number exists, with IN_PERSON activation, the given security
     * levels, no partner services, and loan rules version 1 valid from {@code rulesValidFrom}.
     *
     * @return true when inserted (false: the library existed and is left as it is)
     */
    public boolean insertIfAbsent(String libraryNumber, String name, Short type, String municipalityCode,
                                  String securityLevels, LocalDate rulesValidFrom) {
        return getEntityManager().createNativeQuery("with added as (insert into library (library_number, name, library_type, "
                        + "municipality_code, activation_mode, security_levels, partner_services) "
                        + "values (?1, ?2, ?3, ?4, 'IN_PERSON', ?6, '') on conflict (library_number) do nothing "
                        + "returning library_number) "
                        + "insert into loan_rules (library_number, version, valid_from) select library_number, 1, ?5 from added")
                .setParameter(1, libraryNumber)
                .setParameter(2, name)
                .setParameter(3, type)
                .setParameter(4, municipalityCode)
                .setParameter(5, rulesValidFrom)
                .setParameter(6, securityLevels)
                .executeUpdate() > 0;
    }
}
