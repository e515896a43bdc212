package no.nb.bibliotekkortet.membership.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
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
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.membership.config.MembershipConfig;
import no.nb.bibliotekkortet.membership.repository.Library;
import no.nb.bibliotekkortet.membership.repository.LibraryRepository;
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

    private final LibraryRepository libraries;
    private final EntityManager em;
    private final MembershipConfig config;
    private final Clock clock;

    public LibraryDirectory(LibraryRepository libraries, EntityManager em, MembershipConfig config, Clock clock) {
        this.libraries = libraries;
        this.em = em;
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
            inserted += em.createNativeQuery("insert into library (library_number, name, library_type, municipality_code, "
                            + "activation_mode, rules_version, rules_valid_from, security_levels, partner_services) "
                            + "values (?1, ?2, ?3, ?4, 'IN_PERSON', 1, ?5, ?6, '') on conflict (library_number) do nothing")
                    .setParameter(1, r.libraryNumber())
                    .setParameter(2, r.name())
                    .setParameter(3, r.type())
                    .setParameter(4, r.municipalityCode())
                    .setParameter(5, today())
                    .setParameter(6, Library.join(SecurityLevels.ALL))
                    .executeUpdate();
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

    /**
     * Creates a library (NB's back office).
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
