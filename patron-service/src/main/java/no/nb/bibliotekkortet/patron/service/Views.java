package no.nb.bibliotekkortet.patron.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import no.nb.bibliotekkortet.patron.domain.Masking;
import no.nb.bibliotekkortet.patron.repository.Card;
import no.nb.bibliotekkortet.patron.repository.GuardianshipRepository;
import no.nb.bibliotekkortet.patron.repository.Patron;

/**
 * Response shapes. Never the identity number. A patron with a secret address: no address anywhere and
 * {@code addressProtected: true} in every view (R5). Times are UTC ISO-8601, dates ISO local dates.
 */
public final class Views {

    private Views() {
    }

    /** A name; {@code display} is "Surname, Given names" as in the real register. */
    public record Name(String givenNames, String surname, String display) {
        static Name of(Patron p) {
            return new Name(p.givenNames, p.surname, p.surname + ", " + p.givenNames);
        }
    }

    /** A card number with its kind (PRINTED/DIGITAL) and state. */
    public record CardView(String cardNumber, String kind, String state) {
        static CardView of(Card c) {
            return new CardView(c.cardNumber, c.kind.name(), c.state.name());
        }
    }

    /** An address; postcode a 4-character string; {@code validUntil} only for the temporary address. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AddressView(List<String> streetLines, String postcode, String place, String country,
                              LocalDate validUntil) {
    }

    /** Phones in E.164. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PhonesView(String home, String work, String mobile) {
    }

    /** A library of the patron as patron-service's copy knows it. */
    public record LibraryView(String libraryNumber, String state, boolean home) {
    }

    /**
     * R19 limited view, for a library that is not an ACTIVE member library: card numbers, name, birth year,
     * home library, {@code member: false}; {@code addressProtected: true} only when set (R5), nothing else.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LimitedView(List<String> cardNumbers, Name name, int birthYear, String homeLibrary, boolean member,
                              Boolean addressProtected) {
        public static LimitedView of(PatronSnapshot s) {
            return new LimitedView(s.cards().stream().filter(c -> c.state == Card.State.ACTIVE).map(c -> c.cardNumber).toList(),
                    Name.of(s.patron()), s.patron().birthDate.getYear(), s.homeLibrary().orElse(null), false,
                    s.patron().addressProtected ? Boolean.TRUE : null);
        }
    }

    /** The full record, for the patron's ACTIVE member libraries (R19). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FullView(UUID patronId, boolean member, List<CardView> cards, Name name, LocalDate birthDate,
                           String birthDateSource, boolean addressProtected, AddressView permanentAddress,
                           AddressView temporaryAddress, PhonesView phones, String email, String preferredChannel,
                           String language, String homeLibrary, List<LibraryView> libraries, String state,
                           String createdBy, Instant createdAt, String changedBy, Instant changedAt,
                           Instant lastActivityAt, List<ChildView> children, PopulationRegisterView populationRegister) {
        /** The same record with the children the patron is guardian of (their own view, R16, R22). */
        public FullView withChildren(List<ChildView> list) {
            return new FullView(patronId, member, cards, name, birthDate, birthDateSource, addressProtected,
                    permanentAddress, temporaryAddress, phones, email, preferredChannel, language, homeLibrary, libraries,
                    state, createdBy, createdAt, changedBy, changedAt, lastActivityAt, list, populationRegister);
        }

        public static FullView of(PatronSnapshot s) {
            Patron p = s.patron();
            AddressView permanent = p.addressProtected || p.addressLines == null ? null
                    : new AddressView(lines(p.addressLines), p.addressPostcode, p.addressPlace, p.addressCountry, null);
            AddressView temporary = p.addressProtected || p.tempAddressLines == null ? null
                    : new AddressView(lines(p.tempAddressLines), p.tempAddressPostcode, p.tempAddressPlace,
                    p.tempAddressCountry, p.tempAddressUntil);
            return new FullView(p.id, true, s.cards().stream().map(CardView::of).toList(), Name.of(p), p.birthDate,
                    p.birthDateSource.name(), p.addressProtected, permanent, temporary,
                    new PhonesView(p.phoneHome, p.phoneWork, p.phoneMobile), p.email, p.preferredChannel.name(),
                    p.language, s.homeLibrary().orElse(null),
                    s.libraries().stream().map(l -> new LibraryView(l.libraryNumber(), l.state(), l.home())).toList(),
                    p.state.name(), p.createdBy, p.createdAt, p.changedBy, p.changedAt, p.lastActivityAt, null,
                    PopulationRegisterView.of(p));
        }
    }

    /**
     * Which fields come from the population register (R5, R6): {@code check} VERIFIED (the register answered;
     * {@code fields} hold its values: givenNames, surname, birthDate, permanentAddress, addressProtected),
     * NOT_FOUND (the register does not know the number: typed data), UNVERIFIED (the register did not answer at
     * registration: typed data, checked again later) or NOT_CHECKED; {@code checkedAt}; {@code status} RESIDENT,
     * EMIGRATED, DECEASED or OTHER when known.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PopulationRegisterView(String check, Instant checkedAt, List<String> fields, String status) {
        static PopulationRegisterView of(Patron p) {
            List<String> fields = p.registerFields == null || p.registerFields.isEmpty() ? List.of()
                    : Arrays.asList(p.registerFields.split(","));
            return new PopulationRegisterView(p.populationCheck.name(), p.populationCheckedAt, fields, p.populationStatus);
        }
    }

    /** A guardian's relationship to a child (R22): declared by the guardian (when), confirmed in person by staff (where, when). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RelationshipView(String declaredBy, Instant declaredAt, boolean confirmed, String confirmedBy,
                                   Instant confirmedAt) {
        public static RelationshipView of(GuardianshipRepository.Guardianship g) {
            return new RelationshipView(g.declaredBy(), g.declaredAt(), g.confirmedBy() != null, g.confirmedBy(),
                    g.confirmedAt());
        }
    }

    /**
     * A child in the guardian's own view (R22): id, card numbers, name, birth date, home library, the last day of
     * the guardian's access (the day before the 15th birthday) and the relationship.
     */
    public record ChildView(UUID patronId, List<String> cardNumbers, Name name, LocalDate birthDate, String homeLibrary,
                            LocalDate guardianAccessUntil, RelationshipView relationship) {
        public static ChildView of(PatronSnapshot s, LocalDate accessUntil, GuardianshipRepository.Guardianship g) {
            return new ChildView(s.patron().id, activeCards(s), Name.of(s.patron()), s.patron().birthDate,
                    s.homeLibrary().orElse(null), accessUntil, RelationshipView.of(g));
        }
    }

    /**
     * The patron's own limited view after a login at auth-service (R16): name, card numbers, libraries, masked
     * e-mail and mobile phone; {@code view: "LIMITED"}.
     */
    public record OwnLimitedView(String view, Name name, List<String> cardNumbers, List<LibraryView> libraries,
                                 String email, String phone) {
        public static OwnLimitedView of(PatronSnapshot s) {
            Patron p = s.patron();
            return new OwnLimitedView("LIMITED", Name.of(p), activeCards(s),
                    s.libraries().stream().map(l -> new LibraryView(l.libraryNumber(), l.state(), l.home())).toList(),
                    Masking.email(p.email), Masking.phone(p.phoneMobile));
        }
    }

    private static List<String> activeCards(PatronSnapshot s) {
        return s.cards().stream().filter(c -> c.state == Card.State.ACTIVE).map(c -> c.cardNumber).toList();
    }

    /** Internal resolve answer (for auth and membership): patron id, state, birth date and its source. */
    public record Resolved(UUID patronId, String state, LocalDate birthDate, String birthDateSource,
                           List<String> cardNumbers,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String cardState,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Boolean cardActive) {
        /** Resolved by identity number: no card named, so no {@code cardState}/{@code cardActive}. */
        public static Resolved of(PatronSnapshot s) {
            return of(s, null);
        }

        /**
         * Resolved by {@code cardNumber} (null: by identity number). {@code cardState} is {@code ACTIVE} for an
         * active card and {@code RETIRED} for a number retired while the account lives on (swap, lost card,
         * merge; R1): it still resolves, but must never verify a PIN or password (auth-service refuses it).
         */
        public static Resolved of(PatronSnapshot s, String cardNumber) {
            String cardState = null;
            if (cardNumber != null) {
                cardState = s.cards().stream().anyMatch(c -> c.cardNumber.equals(cardNumber) && c.state == Card.State.ACTIVE)
                        ? "ACTIVE" : "RETIRED";
            }
            return new Resolved(s.patron().id, s.patron().state.name(), s.patron().birthDate,
                    s.patron().birthDateSource.name(),
                    s.cards().stream().filter(c -> c.state == Card.State.ACTIVE).map(c -> c.cardNumber).toList(),
                    cardState, cardState == null ? null : "ACTIVE".equals(cardState));
        }
    }

    /** A guardian's contact for a child's messages (R22), as notification-service reads it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GuardianContact(String email, String phone) {
    }

    /**
     * Internal contact answer (for notification): {@code phone} is the mobile phone in E.164; {@code guardian}
     * only for a child under 15 with a guardian (R22), whose own e-mail and phone are then empty.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(UUID patronId, String email, String phone, String preferredChannel, String language,
                          boolean addressProtected, GuardianContact guardian) {
        public static Contact of(PatronSnapshot s, GuardianContact guardian) {
            Patron p = s.patron();
            return new Contact(p.id, p.email, p.phoneMobile, p.preferredChannel.name(), p.language, p.addressProtected,
                    guardian);
        }
    }

    private static List<String> lines(String joined) {
        return Arrays.asList(joined.split("\n"));
    }
}
