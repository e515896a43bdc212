package no.nb.bibliotekkortet.membership.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The published loan-rules versions of the libraries (R10). */
@ApplicationScoped
public class LoanRulesRepository implements PanacheRepository<LoanRules> {

    /** Every version of one library, lowest first. */
    public List<LoanRules> ofLibrary(String libraryNumber) {
        return list("libraryNumber = ?1 order by version", libraryNumber);
    }

    /** Every version of these libraries by library number, lowest first (one query for a directory search). */
    public Map<String, List<LoanRules>> ofLibraries(Collection<String> libraryNumbers) {
        if (libraryNumbers.isEmpty()) {
            return Map.of();
        }
        return list("libraryNumber in ?1 order by libraryNumber, version", libraryNumbers).stream()
                .collect(Collectors.groupingBy(r -> r.libraryNumber));
    }
}
