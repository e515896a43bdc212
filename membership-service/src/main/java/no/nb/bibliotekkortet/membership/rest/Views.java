package no.nb.bibliotekkortet.membership.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import no.nb.bibliotekkortet.membership.repository.Library;
import no.nb.bibliotekkortet.membership.service.DpaEscalation;
import no.nb.bibliotekkortet.membership.service.LibraryDirectory;
import no.nb.bibliotekkortet.membership.service.MembershipService;

/** API shapes (separate from the entities). */
public final class Views {

    private Views() {
    }

    /** Loan rules: version, text or link, valid from (date, Europe/Oslo). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LoanRules(int version, String text, String link, LocalDate validFrom) {

        static LoanRules of(no.nb.bibliotekkortet.membership.repository.LoanRules r) {
            return new LoanRules(r.version, r.text, r.link, r.validFrom);
        }
    }

    /** Data processing agreement state (R23). */
    public record Agreement(boolean signed, LocalDate signedOn, String agreementVersion, DpaEscalation escalation) {
    }

    /**
     * A library of the directory. {@code loanRules} are the rules in force today (the version activations
     * accept); {@code upcomingLoanRules} the published versions with a later {@code validFrom}, in the order
     * they take effect (empty when none).
     */
    public record LibraryView(String libraryNumber, String name, String isil, int type, String municipalityCode,
                              String activationMode, LoanRules loanRules, List<LoanRules> upcomingLoanRules,
                              List<String> securityLevels, List<String> partnerServices, Integer unstaffedMinimumAge,
                              String contactEmail, Agreement dataProcessingAgreement) {

        static LibraryView of(LibraryDirectory.Entry e) {
            Library l = e.library();
            return new LibraryView(l.libraryNumber, l.name, "NO-" + l.libraryNumber, l.type, l.municipalityCode,
                    l.activationMode, LoanRules.of(e.loanRules().current()),
                    e.loanRules().upcoming().stream().map(LoanRules::of).toList(),
                    l.securityLevels(), l.partnerServices(), l.unstaffedMinimumAge, l.contactEmail,
                    new Agreement(l.dpaSignedOn != null, l.dpaSignedOn, l.dpaVersion, DpaEscalation.of(l.dpaEscalation)));
        }

        static List<LibraryView> of(List<LibraryDirectory.Entry> list) {
            return list.stream().map(LibraryView::of).toList();
        }
    }

    /** A membership as shown to the patron, the library and the services. */
    public record MembershipView(String patronId, String libraryNumber, String libraryName, String state, boolean home,
                                 Integer rulesVersion, String acceptance, Instant acceptedAt, long version) {

        static MembershipView of(MembershipService.Listed l) {
            var m = l.membership();
            return new MembershipView(m.patronId, m.libraryNumber, l.libraryName(), m.state, m.home, m.rulesVersion,
                    m.acceptance, m.acceptedAt, m.version);
        }

        static List<MembershipView> of(List<MembershipService.Listed> list) {
            return list.stream().map(MembershipView::of).toList();
        }
    }

    /** A page of the staff list of members: the memberships and the cursor of the next page (null on the last). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MembershipPage(List<MembershipView> memberships, String next) {
    }

    /** An ILL authorisation answer: allowed, and the notice the library got with this order (or null). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record IllAnswer(boolean allowed, String notice, DpaEscalation escalation) {
    }

    /** The admin report of unsigned agreements. */
    public record AgreementReport(LocalDate deadline, List<ReportLine> libraries) {
    }

    /** One unsigned library in the report. */
    public record ReportLine(String libraryNumber, String name, DpaEscalation escalation, boolean hasContactEmail) {
    }

    /** Count of what is still held about patrons (erasure verification). */
    public record Held(long memberships) {
    }

    /** Result of an erasure batch. */
    public record Erased(long memberships) {
    }
}
