package no.nb.bibliotekkortet.membership.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.membership.config.MembershipConfig;
import no.nb.bibliotekkortet.membership.repository.Library;
import no.nb.bibliotekkortet.membership.repository.LibraryRepository;
import no.nb.bibliotekkortet.membership.repository.LoanRules;
import no.nb.bibliotekkortet.membership.repository.LoanRulesRepository;
import org.jboss.logging.Logger;

/**
 * The library directory: seeding from the library list, reads and NB's changes (R10, R11, R17, R23).
 *
 * <p>Defaults for what the list lacks: activation mode {@code IN_PERSON}, loan rules version 1 (no text
 * or link, valid from the seeding date), all security levels, no paid partner services, no unstaffed
 * hours (minimum age null), no contact e-mail, no signed agreement.
 */
@ApplicationScoped
public class LibraryDirectory {

    private static final Logger LOG = Logger.getLogger(LibraryDirectory.class);

    /** A library and its loan rules today. */
    public record Entry(Library library, LoanRulesSchedule loanRules) {
    }

    private final LibraryRepository libraries;
    private final LoanRulesRepository loanRules;
    private final MembershipConfig config;
    private final Clock clock;

    public LibraryDirectory(LibraryRepository libraries, LoanRulesRepository loanRules,
                            MembershipConfig config, Clock clock) {
        this.libraries = libraries;
        this.loanRules = loanRules;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        int inserted = seed(readList());
        LOG.infof("Library directory seeded: %d new libraries", inserted);
    }

    /**
     * Inserts the libraries of the list that are missing; existing rows (possibly changed by an admin) are
     * never touched.
     *
     * @return how many were inserted
     */
    @Transactional
    public int seed(List<LibraryCsv.Row> rows) {
        int inserted = 0;
        for (LibraryCsv.Row r : rows) {
            // Loan rules version 1 only for a library inserted now (the count is of those).
            if (libraries.insertIfAbsent(r.libraryNumber(), r.name(), r.type(), r.municipalityCode(),
                    Library.join(SecurityLevels.ALL), today())) {
                inserted++;
            }
        }
        return inserted;
    }

    /**
     * One library.
     *
     * @param libraryNumber 7 digits
     * @param field         request field it came from, for the 400
     * @throws ProblemException 400 when malformed, 404 {@code library-not-found} when unknown
     */
    public Library get(String libraryNumber, String field) {
        LibraryAccess.requireWellFormed(libraryNumber, field);
        return libraries.findByIdOptional(libraryNumber).orElseThrow(() -> notFound(libraryNumber));
    }

    /** Searches by optional name prefix, municipality code and type; ordered by library number. */
    public List<Library> search(String namePrefix, String municipalityCode, Short type) {
        return libraries.search(namePrefix, municipalityCode, type);
    }

    /** The library's loan rules today (Europe/Oslo): the version in force and the upcoming ones (R10). */
    public LoanRulesSchedule loanRules(String libraryNumber) {
        return LoanRulesSchedule.of(loanRules.ofLibrary(libraryNumber), today());
    }

    /** The version of the library's loan rules in force today (R10): the one activations accept. */
    public LoanRules currentLoanRules(String libraryNumber) {
        return loanRules(libraryNumber).current();
    }

    /** A library with its loan rules today, as the API shows it. */
    public Entry entry(Library library) {
        return new Entry(library, loanRules(library.libraryNumber));
    }

    /** Libraries with their loan rules today (one query for all the rules). */
    public List<Entry> entries(List<Library> list) {
        Map<String, List<LoanRules>> versions = loanRules.ofLibraries(list.stream().map(l -> l.libraryNumber).toList());
        LocalDate today = today();
        return list.stream().map(l -> new Entry(l, LoanRulesSchedule.of(versions.get(l.libraryNumber), today))).toList();
    }

    /**
     * Creates a library (NB's back office) with loan rules version 1 (no text or link) valid from today.
     *
     * @throws ProblemException 409 {@code library-exists} when the number is taken
     */
    @Transactional
    public Library create(Library library) {
        if (libraries.findByIdOptional(library.libraryNumber).isPresent()) {
            throw ProblemException.conflict("library-exists", "The library exists",
                    "Library " + library.libraryNumber + " is already in the directory");
        }
        library.updatedAt = Instant.now(clock);
        libraries.persist(library);
        LoanRules first = new LoanRules();
        first.libraryNumber = library.libraryNumber;
        first.version = 1;
        first.validFrom = today();
        first.publishedAt = library.updatedAt;
        loanRules.persist(first);
        return library;
    }

    /** Today's date in the configured zone (Europe/Oslo). */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), config.zone());
    }

    /** 404 for an unknown library. */
    public static ProblemException notFound(String libraryNumber) {
        return ProblemException.notFound("library-not-found", "No library with number " + libraryNumber);
    }

    private List<LibraryCsv.Row> readList() {
        String file = config.librariesFile();
        try (InputStream in = file.startsWith("classpath:")
                ? Thread.currentThread().getContextClassLoader().getResourceAsStream(file.substring(10))
                : Files.newInputStream(Path.of(file))) {
            if (in == null) {
                throw new IOException("not found");
            }
            return LibraryCsv.parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the library list " + file, e);
        }
    }
}
