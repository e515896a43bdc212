package no.nb.bibliotekkortet.membership.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.membership.config.MembershipConfig;
import no.nb.bibliotekkortet.membership.repository.Library;
import no.nb.bibliotekkortet.membership.repository.LibraryRepository;

/**
 * ILL authorisation and the data processing agreement escalation (R23). The step is counted under a row
 * lock on the library, so concurrent orders each move it once. Each reminder and the block e-mail the
 * library's contact address through the outbox; without a contact address the e-mail is skipped and
 * counted in {@code membership_dpa_emails_skipped_total{template}}.
 */
@ApplicationScoped
public class IllService {

    /** One library's line in the admin report. */
    public record ReportLine(String libraryNumber, String name, DpaEscalation escalation, boolean contactEmail) {
    }

    private final LibraryRepository libraries;
    private final LibraryDirectory directory;
    private final Messages messages;
    private final MembershipConfig config;
    private final MeterRegistry metrics;
    private final Clock clock;

    public IllService(LibraryRepository libraries, LibraryDirectory directory, Messages messages, MembershipConfig config,
                      MeterRegistry metrics, Clock clock) {
        this.libraries = libraries;
        this.directory = directory;
        this.messages = messages;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Authorises one ILL order. A refusal is returned (not thrown) so that the step and its e-mail commit.
     *
     * @param libraryNumber the ordering library (7 digits)
     * @param orderedBy     STAFF or PATRON
     * @return the decision (allowed, step reached, whether this order moved the step)
     * @throws no.nb.bibliotekkortet.common.problem.ProblemException 400 malformed; 404 unknown library
     */
    @Transactional
    public IllPolicy.Decision authorise(String libraryNumber, IllPolicy.OrderedBy orderedBy) {
        LibraryAccess.requireWellFormed(libraryNumber, "libraryNumber");
        Library library = libraries.findForUpdate(libraryNumber).orElseThrow(() -> LibraryDirectory.notFound(libraryNumber));
        LocalDate today = directory.today();
        IllPolicy.Decision decision = IllPolicy.decide(orderedBy, library.dpaSignedOn != null,
                DpaEscalation.of(library.dpaEscalation), today, config.dpa().deadline());
        if (decision.stepped()) {
            library.dpaEscalation = (short) decision.step().ordinal();
            library.updatedAt = Instant.now(clock);
            String template = decision.step().templateId();
            if (library.contactEmail == null) {
                metrics.counter("membership.dpa.emails.skipped", "template", template).increment();
            } else {
                messages.libraryEmail("dpa-" + library.libraryNumber + "-" + decision.step() + "-" + library.updatedAt.toEpochMilli(),
                        library.contactEmail, template, Map.of("library", library.name));
            }
        }
        return decision;
    }

    /** Libraries without a signed agreement and their escalation step, ordered by library number. */
    public List<ReportLine> report() {
        return libraries.unsigned().stream().map(l -> new ReportLine(l.libraryNumber, l.name,
                DpaEscalation.of(l.dpaEscalation), l.contactEmail != null)).toList();
    }

    /** The configured signing deadline. */
    public LocalDate deadline() {
        return config.dpa().deadline();
    }
}
