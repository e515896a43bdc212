package no.nb.bibliotekkortet.patron.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import no.nb.bibliotekkortet.patron.repository.Patron;

/**
 * The changeable fields of a patron as they were before a change, so that the UPDATED change record can name the
 * fields that actually changed (R15, R19, change feed). Names are the API's field names: {@code addressProtected},
 * {@code permanentAddress}, {@code temporaryAddress}, {@code phones}, {@code email}, {@code preferredChannel},
 * {@code language}, and those only the population register changes (R5, R6): {@code name}, {@code birthDate},
 * {@code identityNumber} (never its value), {@code state}, {@code populationStatus}. Holds personal data only in
 * memory, never written anywhere.
 */
public final class ChangedFields {

    private final List<Object> before;

    private ChangedFields(List<Object> before) {
        this.before = before;
    }

    /** Takes the values of {@code p} now. */
    public static ChangedFields of(Patron p) {
        return new ChangedFields(values(p));
    }

    /**
     * The names of the fields whose values differ between the snapshot and {@code p} now, in the order above;
     * empty when nothing changed.
     */
    public List<String> changedIn(Patron p) {
        List<Object> after = values(p);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            if (!Objects.equals(before.get(i), after.get(i))) {
                changed.add(NAMES.get(i));
            }
        }
        return changed;
    }

    private static final List<String> NAMES = List.of("addressProtected", "permanentAddress", "temporaryAddress",
            "phones", "email", "preferredChannel", "language", "name", "birthDate", "identityNumber", "state",
            "populationStatus");

    private static List<Object> values(Patron p) {
        List<Object> v = new ArrayList<>(NAMES.size());
        v.add(p.addressProtected);
        v.add(p.addressLines + "|" + p.addressPostcode + "|" + p.addressPlace + "|" + p.addressCountry);
        v.add(p.tempAddressLines + "|" + p.tempAddressPostcode + "|" + p.tempAddressPlace + "|"
                + p.tempAddressCountry + "|" + p.tempAddressUntil);
        v.add(p.phoneHome + "|" + p.phoneWork + "|" + p.phoneMobile);
        v.add(p.email);
        v.add(p.preferredChannel);
        v.add(p.language);
        v.add(p.givenNames + "|" + p.surname);
        v.add(p.birthDate);
        v.add(p.identityHash == null ? null : java.util.HexFormat.of().formatHex(p.identityHash));
        v.add(p.state);
        v.add(p.populationStatus);
        return v;
    }
}
