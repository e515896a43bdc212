package no.nb.bibliotekkortet.patron.population;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.patron.domain.IdentityNumbers;
import no.nb.bibliotekkortet.patron.repository.Patron;
import no.nb.bibliotekkortet.patron.service.NewPatron;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The population register's part of a registration (R5, R6), before anything is allocated: looks the
 * person up and decides what is stored. One remote call, bounded by the client's timeouts and circuit breaker;
 * never fails the registration because the register is down.
 * <ul>
 *   <li>register answers with the person: name, birth date and residential address are the register's (a typed
 *       address is kept only where the register has none); the register's current identity number is the one
 *       stored (a typed older D-number is replaced); strictly confidential / confidential protection → the
 *       secret-address flag and <b>no address at all</b>, whatever was typed (R5); a deceased person → 422;</li>
 *   <li>register does not know the number → the typed data, {@code NOT_FOUND};</li>
 *   <li>register down, slow or refusing → the typed data, {@code UNVERIFIED}: the reconciliation job checks it
 *       again later;</li>
 *   <li>switched off ({@code register.population.enabled=false}) → the typed data, {@code NOT_CHECKED}.</li>
 * </ul>
 */
@ApplicationScoped
public class RegistrationCheck {

    /**
     * The registration as it will be stored, with the register's verdict.
     *
     * @param input           the registration to store (register data merged in)
     * @param check           VERIFIED, NOT_FOUND, UNVERIFIED or NOT_CHECKED
     * @param registerFields  the fields holding the register's value, comma-separated
     * @param otherIdentityNumbers the person's other (earlier) numbers: a patron stored under one of them is the
     *                        same person (duplicate)
     */
    public record Result(NewPatron input, Patron.PopulationCheck check, String registerFields, String protection,
                         String populationStatus, List<String> otherIdentityNumbers) {
        @Override
        public String toString() {
            return "RegistrationCheck.Result[" + check + "]";
        }
    }

    private final PopulationConfig config;
    private final PopulationRegister register;
    private final IdentityNumbers identityNumbers;

    public RegistrationCheck(PopulationConfig config, PopulationRegister register, IdentityNumbers identityNumbers) {
        this.config = config;
        this.register = register;
        this.identityNumbers = identityNumbers;
    }

    /**
     * Checks a validated registration against the register.
     *
     * @throws ProblemException 422 {@code deceased} (field {@code identityNumber}) when the register records the
     *                          person's death
     */
    public Result check(NewPatron in) {
        if (!config.enabled()) {
            return new Result(in, Patron.PopulationCheck.NOT_CHECKED, "", null, null, List.of());
        }
        Map<String, PopulationPerson> found;
        try {
            found = register.lookup(List.of(in.identity().value()));
        } catch (PopulationRegister.Unavailable | CircuitBreakerOpenException e) {
            return new Result(in, Patron.PopulationCheck.UNVERIFIED, "", null, null, List.of());
        }
        PopulationPerson person = found.get(in.identity().value());
        if (person == null) {
            return new Result(in, Patron.PopulationCheck.NOT_FOUND, "", null, null, List.of());
        }
        if (person.status() == PopulationPerson.Status.DECEASED) {
            throw ProblemException.unprocessable("deceased", "Recorded as deceased",
                    "The population register records this person as deceased", "identityNumber", "population register");
        }
        IdentityNumbers.Parsed identity = in.identity();
        if (!person.currentIdentityNumber().equals(identity.value())) {
            IdentityNumbers.Result current = identityNumbers.check(person.currentIdentityNumber());
            if (current.accepted()) {
                identity = current.parsed();
            }
        }
        List<String> others = new ArrayList<>(person.identityNumbers());
        others.remove(identity.value());

        Set<String> fields = new LinkedHashSet<>();
        String given = in.givenNames();
        String surname = in.surname();
        if (person.givenNames() != null && person.surname() != null) {
            given = person.givenNames();
            surname = person.surname();
            fields.add("givenNames");
            fields.add("surname");
        }
        var birthDate = in.birthDate();
        var birthSource = in.birthDateSource();
        if (person.birthDate() != null) {
            if (!person.birthDate().equals(birthDate)) {
                birthDate = person.birthDate();
                birthSource = Patron.BirthDateSource.POPULATION_REGISTER;
            }
            fields.add("birthDate");
        }
        boolean protectedAddress = in.addressProtected();
        var permanent = in.permanent();
        var temporary = in.temporary();
        if (person.addressProtected()) {
            protectedAddress = true;
            permanent = null;
            temporary = null;
            fields.add("addressProtected");
        } else if (person.address() != null && !protectedAddress) {
            permanent = person.address();
            fields.add("permanentAddress");
        }
        NewPatron merged = in.withRegisterData(identity, given, surname, birthDate, birthSource, protectedAddress,
                permanent, temporary);
        return new Result(merged, Patron.PopulationCheck.VERIFIED, String.join(",", fields), person.protection(),
                person.status().name(), List.copyOf(others));
    }
}
