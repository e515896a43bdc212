package no.nb.bibliotekkortet.patron.population;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import no.nb.bibliotekkortet.patron.repository.ChangeFeedWriter;
import no.nb.bibliotekkortet.patron.repository.Patron;
import no.nb.bibliotekkortet.patron.repository.PatronLibraryRepository;
import no.nb.bibliotekkortet.patron.repository.PatronRepository;
import no.nb.bibliotekkortet.patron.service.ChangedFields;
import no.nb.bibliotekkortet.patron.service.IdentityVault;
import no.nb.bibliotekkortet.patron.service.PatronInputs;

/**
 * Makes a stored patron agree with what the population register says about the person (R5, R6),
 * inside the caller's transaction. The result depends only on the patron and the register's answer, so applying
 * the same answer again changes nothing (replays, at-least-once feed delivery). In order:
 * <ol>
 *   <li>identity: when the register's current number differs from the stored one (D-number → fødselsnummer),
 *       the encrypted number, its kind and the keyed hash are replaced in place (same patron, cards,
 *       memberships);</li>
 *   <li>protection (R5): strictly confidential (also abroad) or confidential → secret-address flag on, every
 *       stored address erased, the level remembered (a database check then keeps the flag on, so no later write
 *       can store an address); protection lifted → the level forgotten and the register's address (if any)
 *       stored with the flag off;</li>
 *   <li>name, birth date and residential address from the register where it has them (a typed address stays
 *       where the register has none);</li>
 *   <li>status: death → state DECEASED at once (verifications then answer INVALID, no notices); emigration
 *       recorded.</li>
 * </ol>
 * When anything changed: {@code changedBy = POPULATION_REGISTER} and one UPDATED change record naming the fields
 * (change feed and webhooks, like any other change). Never logs the register's data.
 */
@ApplicationScoped
public class PopulationSync {

    /** {@code changedBy} of the register's changes. */
    public static final String CHANGED_BY = "POPULATION_REGISTER";

    private final IdentityVault vault;
    private final PatronRepository patrons;
    private final PatronLibraryRepository libraries;
    private final ChangeFeedWriter feed;

    public PopulationSync(IdentityVault vault, PatronRepository patrons, PatronLibraryRepository libraries,
                          ChangeFeedWriter feed) {
        this.vault = vault;
        this.patrons = patrons;
        this.libraries = libraries;
        this.feed = feed;
    }

    /**
     * Applies the register's view of the person to the (locked, managed) patron; see the class comment.
     *
     * @param kind the current number's kind, {@code FODSELSNUMMER} or {@code D_NUMBER}; null keeps the stored
     *             number (another patron holds the current one, or the number is not accepted here)
     * @return the names of the fields that changed (empty: nothing written but the check time)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> apply(Patron p, PopulationPerson person, String kind, Instant now) {
        ChangedFields before = ChangedFields.of(p);
        Set<String> fromRegister = new LinkedHashSet<>();

        byte[] hash = vault.hash(person.currentIdentityNumber());
        if (kind != null && !java.util.Arrays.equals(hash, p.identityHash)) {
            IdentityVault.Sealed sealed = vault.seal(person.currentIdentityNumber());
            p.identityHash = hash;
            p.identityCipher = sealed.ciphertext();
            p.identityKeyId = sealed.keyId();
            p.identityKind = kind;
        }

        if (person.addressProtected()) {
            p.eraseAddresses();
            p.addressProtected = true;
            p.registerProtection = person.protection();
            fromRegister.add("addressProtected");
        } else {
            if (p.registerProtection != null) {
                p.registerProtection = null;
                if (person.address() != null) {
                    p.addressProtected = false;
                }
            }
            if (person.address() != null && !p.addressProtected) {
                setPermanent(p, person.address());
                fromRegister.add("permanentAddress");
            }
        }
        if (person.givenNames() != null && person.surname() != null) {
            p.givenNames = person.givenNames();
            p.surname = person.surname();
            fromRegister.add("givenNames");
            fromRegister.add("surname");
        }
        if (person.birthDate() != null) {
            if (!person.birthDate().equals(p.birthDate)) {
                p.birthDate = person.birthDate();
                p.birthDateSource = Patron.BirthDateSource.POPULATION_REGISTER;
            }
            fromRegister.add("birthDate");
        }
        switch (person.status()) {
            case DECEASED -> {
                p.populationStatus = "DECEASED";
                if (p.state == Patron.State.ACTIVE) {
                    p.state = Patron.State.DECEASED;
                    p.deceasedRecordedAt = now;
                }
            }
            case EMIGRATED -> {
                p.populationStatus = "EMIGRATED";
                if (p.emigratedRecordedAt == null) {
                    p.emigratedRecordedAt = now;
                }
            }
            case RESIDENT -> {
                p.populationStatus = "RESIDENT";
                p.emigratedRecordedAt = null;
            }
            default -> p.populationStatus = "OTHER";
        }
        p.registerFields = String.join(",", fromRegister);
        List<String> changed = before.changedIn(p);
        if (!changed.isEmpty() || p.populationCheck != Patron.PopulationCheck.VERIFIED) {
            // The check time moves only when the register's answer changed something (a replay writes nothing).
            p.populationCheck = Patron.PopulationCheck.VERIFIED;
            p.populationCheckedAt = now;
        }
        if (!changed.isEmpty()) {
            p.changedBy = CHANGED_BY;
            p.changedAt = now;
            patrons.flush();
            feed.updated(p.id, libraries.of(p.id).stream().map(PatronLibraryRepository.PatronLibrary::libraryNumber).toList(),
                    changed, CHANGED_BY, now);
        }
        return changed;
    }

    private static void setPermanent(Patron p, PatronInputs.Address a) {
        p.addressLines = a.lines();
        p.addressPostcode = a.postcode();
        p.addressPlace = a.place();
        p.addressCountry = a.country();
    }
}
