package no.nb.bibliotekkortet.membership.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * One library of the directory (table {@code library}). Lists (security levels, partner services) are
 * stored comma separated; {@link #securityLevels()} and {@link #partnerServices()} split them. Its loan-rules
 * versions are rows of {@code loan_rules} ({@link LoanRules}).
 */
@Entity
@Table(name = "library")
public class Library {

    @Id
    @Column(name = "library_number", columnDefinition = "bpchar(7)")
    public String libraryNumber;

    public String name;

    @Column(name = "library_type")
    public short type;

    @Column(name = "municipality_code", columnDefinition = "bpchar(4)")
    public String municipalityCode;

    /** {@code IN_PERSON} or {@code DIGITAL} (R10). */
    @Column(name = "activation_mode")
    public String activationMode;

    @Column(name = "security_levels")
    public String securityLevelList;

    @Column(name = "partner_services")
    public String partnerServiceList;

    @Column(name = "unstaffed_minimum_age")
    public Integer unstaffedMinimumAge;

    @Column(name = "contact_email")
    public String contactEmail;

    @Column(name = "dpa_signed_on")
    public LocalDate dpaSignedOn;

    @Column(name = "dpa_version")
    public String dpaVersion;

    /** 0 none, 1 reminder 1 sent, 2 reminder 2 sent, 3 final warning sent, 4 blocked (R23). */
    @Column(name = "dpa_escalation")
    public short dpaEscalation;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The security levels its library system supports, e.g. {@code nlsso-loa-low} (R17). */
    public List<String> securityLevels() {
        return split(securityLevelList);
    }

    /** The paid partner services, e.g. {@code filmoteket} (R11). */
    public List<String> partnerServices() {
        return split(partnerServiceList);
    }

    /** Joins a list for storage. */
    public static String join(List<String> values) {
        return values == null ? "" : String.join(",", values);
    }

    private static List<String> split(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.split(","));
    }
}
