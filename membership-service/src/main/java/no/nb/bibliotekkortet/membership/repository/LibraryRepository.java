package no.nb.bibliotekkortet.membership.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
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
}
