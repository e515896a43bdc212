package no.nb.bibliotekkortet.membership.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.membership.repository.Library;
import no.nb.bibliotekkortet.membership.repository.LibraryRepository;
import no.nb.bibliotekkortet.membership.repository.LoanRules;
import no.nb.bibliotekkortet.membership.repository.LoanRulesRepository;

/** NB's back-office changes to a library: settings, loan rules versions, the signed agreement (R10, R17, R23). */
@ApplicationScoped
public class LibraryAdministration {

    private final LibraryRepository libraries;
    private final LoanRulesRepository loanRules;
    private final LibraryDirectory directory;
    private final Clock clock;

    public LibraryAdministration(LibraryRepository libraries, LoanRulesRepository loanRules, LibraryDirectory directory,
                                 Clock clock) {
        this.libraries = libraries;
        this.loanRules = loanRules;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Changes a library's settings (null fields unchanged).
     *
     * @throws ProblemException 400 malformed number or invalid security level (field {@code securityLevels});
     *                          404 unknown library
     */
    @Transactional
    public Library change(String libraryNumber, LibraryChange change) {
        Library library = load(libraryNumber);
        if (change.name() != null) {
            library.name = change.name();
        }
        if (change.activationMode() != null) {
            library.activationMode = change.activationMode().name();
        }
        if (change.securityLevels() != null) {
            String bad = SecurityLevels.invalid(change.securityLevels());
            if (bad != null) {
                throw ProblemException.badRequest("securityLevels", "non-empty subset of " + SecurityLevels.ALL,
                        bad.isEmpty() ? "At least one security level is required" : "Unknown security level " + bad);
            }
            library.securityLevelList = Library.join(change.securityLevels().stream().distinct().toList());
        }
        if (change.partnerServices() != null) {
            library.partnerServiceList = Library.join(change.partnerServices().stream().distinct().toList());
        }
        if (change.unstaffedMinimumAge() != null) {
            library.unstaffedMinimumAge = change.unstaffedMinimumAge();
        }
        if (change.contactEmail() != null) {
            library.contactEmail = change.contactEmail().isBlank() ? null : change.contactEmail();
        }
        library.updatedAt = Instant.now(clock);
        return library;
    }

    /**
     * Publishes a new loan-rules version (the latest version + 1). It becomes current on {@code validFrom}
     * (Europe/Oslo) without any action: from then new activations must accept it; until then it is shown as
     * upcoming and activations accept the version in force. Existing memberships stay active (R10).
     *
     * @param text      the rules text, or null when given as a link
     * @param link      a URL to the rules, or null
     * @param validFrom first day the rules apply; null = today (Europe/Oslo)
     * @throws ProblemException 400 (field {@code text}) when neither text nor link is given; 404 unknown library;
     *                          422 (field {@code validFrom}) when back-dated, see {@link LoanRulesSchedule#requirePublishable}
     */
    @Transactional
    public Library publishLoanRules(String libraryNumber, String text, String link, LocalDate validFrom) {
        if ((text == null || text.isBlank()) && (link == null || link.isBlank())) {
            throw ProblemException.badRequest("text", "text or link required", "Give the loan rules as text or as a link");
        }
        // The library's row lock orders concurrent publications (one version number each).
        Library library = libraries.findForUpdate(checked(libraryNumber)).orElseThrow(() -> LibraryDirectory.notFound(libraryNumber));
        LocalDate today = directory.today();
        LocalDate from = validFrom != null ? validFrom : today;
        LoanRulesSchedule schedule = directory.loanRules(library.libraryNumber);
        schedule.requirePublishable(from, today);
        LoanRules rules = new LoanRules();
        rules.libraryNumber = library.libraryNumber;
        rules.version = schedule.latest().version + 1;
        rules.text = text;
        rules.link = link;
        rules.validFrom = from;
        rules.publishedAt = Instant.now(clock);
        loanRules.persist(rules);
        library.updatedAt = rules.publishedAt;
        return library;
    }

    /**
     * Records the library's signed data processing agreement; resets the ILL escalation (R23).
     *
     * @param signedOn         date signed (not in the future, Europe/Oslo)
     * @param agreementVersion the agreement text's version label
     * @throws ProblemException 400 (field {@code signedOn}) for a future date; 404 unknown library
     */
    @Transactional
    public Library recordAgreement(String libraryNumber, LocalDate signedOn, String agreementVersion) {
        if (signedOn.isAfter(directory.today())) {
            throw ProblemException.badRequest("signedOn", "not in the future", "The signing date is in the future");
        }
        Library library = libraries.findForUpdate(checked(libraryNumber)).orElseThrow(() -> LibraryDirectory.notFound(libraryNumber));
        library.dpaSignedOn = signedOn;
        library.dpaVersion = agreementVersion;
        library.dpaEscalation = 0;
        library.updatedAt = Instant.now(clock);
        return library;
    }

    private Library load(String libraryNumber) {
        return libraries.findByIdOptional(checked(libraryNumber)).orElseThrow(() -> LibraryDirectory.notFound(libraryNumber));
    }

    private static String checked(String libraryNumber) {
        LibraryAccess.requireWellFormed(libraryNumber, "libraryNumber");
        return libraryNumber;
    }
}
