package no.nb.bibliotekkortet.patron.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The patron record, mirroring the real register's borrower record (DOMAIN.md) so that an adapter to it is a
 * mapping. The identity number is held only as AES-GCM ciphertext with its key id, and as an HMAC-SHA256
 * keyed hash (unique). Street lines are stored newline-separated. A patron with {@code addressProtected}
 * has no address columns set (database check, R5).
 */
@Entity
@Table(name = "patron")
public class Patron {

    public enum BirthDateSource { IDENTITY_NUMBER, VERIFIED_IN_PERSON, DECLARED, POPULATION_REGISTER }

    public enum Channel { EMAIL, SMS }

    /** DECEASED: the population register reported a death; blocked at once, erased after the grace period. */
    public enum State { ACTIVE, DECEASED, DELETED }

    /** What the population register said at registration or since (docs/population-register.md). */
    public enum PopulationCheck { NOT_CHECKED, VERIFIED, NOT_FOUND, UNVERIFIED }

    @Id
    public UUID id;

    @Column(name = "identity_hash", nullable = false)
    public byte[] identityHash;
    @Column(name = "identity_cipher", nullable = false)
    public byte[] identityCipher;
    @Column(name = "identity_key_id", nullable = false)
    public String identityKeyId;
    @Column(name = "identity_kind", nullable = false)
    public String identityKind;

    @Column(name = "given_names", nullable = false)
    public String givenNames;
    @Column(nullable = false)
    public String surname;
    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;
    @Enumerated(EnumType.STRING)
    @Column(name = "birth_date_source", nullable = false)
    public BirthDateSource birthDateSource;

    @Column(name = "address_protected", nullable = false)
    public boolean addressProtected;
    @Column(name = "address_lines")
    public String addressLines;
    @Column(name = "address_postcode")
    public String addressPostcode;
    @Column(name = "address_place")
    public String addressPlace;
    @Column(name = "address_country")
    public String addressCountry;
    @Column(name = "temp_address_lines")
    public String tempAddressLines;
    @Column(name = "temp_address_postcode")
    public String tempAddressPostcode;
    @Column(name = "temp_address_place")
    public String tempAddressPlace;
    @Column(name = "temp_address_country")
    public String tempAddressCountry;
    @Column(name = "temp_address_until")
    public LocalDate tempAddressUntil;

    @Column(name = "phone_home")
    public String phoneHome;
    @Column(name = "phone_work")
    public String phoneWork;
    @Column(name = "phone_mobile")
    public String phoneMobile;
    public String email;
    @Enumerated(EnumType.STRING)
    @Column(name = "preferred_channel", nullable = false)
    public Channel preferredChannel;
    @Column(nullable = false)
    public String language;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "changed_by", nullable = false)
    public String changedBy;
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
    @Column(name = "last_activity_at")
    public Instant lastActivityAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "population_check", nullable = false)
    public PopulationCheck populationCheck = PopulationCheck.NOT_CHECKED;
    @Column(name = "population_checked_at")
    public Instant populationCheckedAt;
    /** The fields holding the population register's value, comma-separated names as in the views ("" for none). */
    @Column(name = "register_fields", nullable = false)
    public String registerFields = "";
    /** The register's address protection level, or null; while set, {@link #addressProtected} stays true (R5). */
    @Column(name = "register_protection")
    public String registerProtection;
    @Column(name = "population_status")
    public String populationStatus;
    @Column(name = "deceased_recorded_at")
    public Instant deceasedRecordedAt;
    @Column(name = "emigrated_recorded_at")
    public Instant emigratedRecordedAt;

    @Version
    public long version;

    /** Erases every stored address (R5: setting the secret-address flag). */
    public void eraseAddresses() {
        addressLines = null;
        addressPostcode = null;
        addressPlace = null;
        addressCountry = null;
        tempAddressLines = null;
        tempAddressPostcode = null;
        tempAddressPlace = null;
        tempAddressCountry = null;
        tempAddressUntil = null;
    }

    @Override
    public String toString() {
        return "Patron[" + id + "]";
    }
}
