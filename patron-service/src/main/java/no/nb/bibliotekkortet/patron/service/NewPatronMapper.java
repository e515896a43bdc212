package no.nb.bibliotekkortet.patron.service;

import java.time.Instant;
import java.util.UUID;
import no.nb.bibliotekkortet.patron.population.RegistrationCheck;
import no.nb.bibliotekkortet.patron.repository.Patron;

/** Maps a validated registration ({@link NewPatron}) and the population register's verdict to a new patron entity. */
final class NewPatronMapper {

    private NewPatronMapper() {
    }

    /**
     * The entity to persist: ACTIVE, created and changed by {@code in.createdBy()} at {@code now}.
     *
     * @param hash   the keyed hash of the identity number (the lookup key)
     * @param sealed the identity number encrypted by the vault
     */
    static Patron toEntity(UUID patronId, NewPatron in, RegistrationCheck.Result checked, byte[] hash,
                           IdentityVault.Sealed sealed, Instant now) {
        Patron p = new Patron();
        p.id = patronId;
        p.identityHash = hash;
        p.identityCipher = sealed.ciphertext();
        p.identityKeyId = sealed.keyId();
        p.identityKind = in.identity().kind().name();
        p.givenNames = in.givenNames();
        p.surname = in.surname();
        p.birthDate = in.birthDate();
        p.birthDateSource = in.birthDateSource();
        p.addressProtected = in.addressProtected();
        if (in.permanent() != null) {
            p.addressLines = in.permanent().lines();
            p.addressPostcode = in.permanent().postcode();
            p.addressPlace = in.permanent().place();
            p.addressCountry = in.permanent().country();
        }
        if (in.temporary() != null) {
            p.tempAddressLines = in.temporary().lines();
            p.tempAddressPostcode = in.temporary().postcode();
            p.tempAddressPlace = in.temporary().place();
            p.tempAddressCountry = in.temporary().country();
            p.tempAddressUntil = in.temporary().validUntil();
        }
        p.phoneHome = in.phones().home();
        p.phoneWork = in.phones().work();
        p.phoneMobile = in.phones().mobile();
        p.email = in.email();
        p.preferredChannel = in.channel();
        p.language = in.language();
        p.state = Patron.State.ACTIVE;
        p.populationCheck = checked.check();
        p.populationCheckedAt = checked.check() == Patron.PopulationCheck.NOT_CHECKED
                || checked.check() == Patron.PopulationCheck.UNVERIFIED ? null : now;
        p.registerFields = checked.registerFields();
        p.registerProtection = checked.protection();
        p.populationStatus = checked.populationStatus();
        if ("EMIGRATED".equals(checked.populationStatus())) {
            p.emigratedRecordedAt = now;
        }
        p.createdBy = in.createdBy();
        p.createdAt = now;
        p.changedBy = in.createdBy();
        p.changedAt = now;
        return p;
    }
}
