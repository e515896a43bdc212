package no.nb.bibliotekkortet.patron.population;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.nb.bibliotekkortet.patron.service.PatronInputs;

/**
 * What patron-service takes from one population-register person document (only what the register needs, R6):
 * the current identity number and the person's earlier ones, name, birth date, status, address protection and
 * the residential address. Holds personal data: {@code toString} is redacted and nothing here is ever logged.
 *
 * @param currentIdentityNumber the number in use ({@code erGjeldende}), 11 digits
 * @param identityNumbers       every number of the person, current first (D-number → fødselsnummer history)
 * @param givenNames            fornavn + mellomnavn, NFC, capitalised when the register sends capitals; null if none
 * @param surname               etternavn, as above
 * @param birthDate             foedsel.foedselsdato, or null
 * @param status                RESIDENT, EMIGRATED, DECEASED or OTHER (from status/doedsfall)
 * @param protection            STRICTLY_CONFIDENTIAL, STRICTLY_CONFIDENTIAL_ABROAD, CONFIDENTIAL, or null (ugradert)
 * @param address               the residential (else postal) address in Norway, never for a protected person; or null
 */
public record PopulationPerson(String currentIdentityNumber, List<String> identityNumbers, String givenNames,
                               String surname, LocalDate birthDate, Status status, String protection,
                               PatronInputs.Address address) {

    /** The register's person status mapped to ours (bosatt, utflyttet, doed; anything else OTHER). */
    public enum Status { RESIDENT, EMIGRATED, DECEASED, OTHER }

    /** True when the register protects the address (strictly confidential, also abroad, or confidential: R5). */
    public boolean addressProtected() {
        return protection != null;
    }

    /**
     * Reads a person document ({@code folkeregisterperson}) as the register's lookup answers it. Lists are
     * historised: the entry with {@code erGjeldende: true} counts (else the first).
     *
     * @return the person; null when the document carries no identity number
     */
    public static PopulationPerson parse(JsonNode doc) {
        List<String> numbers = new ArrayList<>();
        String current = null;
        for (JsonNode n : doc.path("identifikasjonsnummer")) {
            String number = n.path("foedselsEllerDNummer").asText("");
            if (number.matches("\\d{11}")) {
                if (n.path("erGjeldende").asBoolean(false) && current == null) {
                    current = number;
                } else if (!numbers.contains(number)) {
                    numbers.add(number);
                }
            }
        }
        if (current == null && numbers.isEmpty()) {
            return null;
        }
        if (current == null) {
            current = numbers.remove(0);
        }
        numbers.remove(current);
        numbers.add(0, current);

        JsonNode name = current(doc.path("navn"));
        String given = join(text(name, "fornavn"), text(name, "mellomnavn"));
        String surname = text(name, "etternavn");
        LocalDate birth = null;
        String birthText = text(current(doc.path("foedsel")), "foedselsdato");
        if (birthText == null) {
            birthText = text(current(doc.path("foedselsdato")), "foedselsdato");
        }
        try {
            birth = birthText == null ? null : LocalDate.parse(birthText);
        } catch (DateTimeParseException e) {
            birth = null;
        }

        Status status = switch (String.valueOf(text(current(doc.path("status")), "status"))) {
            case "bosatt" -> Status.RESIDENT;
            case "utflyttet" -> Status.EMIGRATED;
            case "doed" -> Status.DECEASED;
            default -> Status.OTHER;
        };
        if (!current(doc.path("doedsfall")).isMissingNode() && text(current(doc.path("doedsfall")), "doedsdato") != null) {
            status = Status.DECEASED;
        }

        String protection = protection(text(current(doc.path("adressebeskyttelse")), "graderingsnivaa"));
        JsonNode home = current(doc.path("bostedsadresse"));
        JsonNode postal = current(doc.path("postadresse"));
        for (JsonNode a : new JsonNode[] {home, postal}) {
            // An address graded above ugradert is protected even when adressebeskyttelse is missing.
            String grading = protection(text(a, "adressegradering"));
            if (protection == null && grading != null) {
                protection = grading;
            }
        }
        PatronInputs.Address address = protection != null ? null : address(home);
        if (address == null && protection == null) {
            address = address(postal);
        }
        return new PopulationPerson(current, List.copyOf(numbers), given == null ? null : capitalised(given),
                surname == null ? null : capitalised(surname), birth, status, protection, address);
    }

    /** The register's grading → ours; {@code ugradert}, {@code klientadresse}, unknown or null → null. */
    static String protection(String code) {
        if (code == null) {
            return null;
        }
        return switch (code.replace("_", "").toLowerCase(Locale.ROOT)) {
            case "strengtfortrolig" -> "STRICTLY_CONFIDENTIAL";
            case "strengtfortroligutland" -> "STRICTLY_CONFIDENTIAL_ABROAD";
            case "fortrolig" -> "CONFIDENTIAL";
            default -> null;
        };
    }

    private static PatronInputs.Address address(JsonNode a) {
        if (a == null || a.isMissingNode()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        String postcode;
        String place;
        JsonNode road = a.path("vegadresse");
        JsonNode free = a.path("postadresseIFrittFormat");
        if (!road.isMissingNode()) {
            String co = text(road, "coAdressenavn");
            if (co != null) {
                lines.add("c/o " + capitalised(co));
            }
            JsonNode number = road.path("adressenummer");
            String street = join(text(road, "adressenavn"), join(text(number, "husnummer"), text(number, "husbokstav"), ""));
            if (street == null) {
                return null;
            }
            lines.add(capitalised(street));
            postcode = text(road.path("poststed"), "postnummer");
            place = text(road.path("poststed"), "poststedsnavn");
        } else if (!free.isMissingNode()) {
            for (JsonNode line : free.path("adresselinje")) {
                if (!line.asText("").isBlank() && lines.size() < 3) {
                    lines.add(capitalised(line.asText().trim()));
                }
            }
            postcode = text(free, "postnummer");
            place = text(free, "poststed");
            if (place == null) {
                place = text(free.path("poststed"), "poststedsnavn");
            }
        } else {
            return null;
        }
        if (lines.isEmpty() || postcode == null || !postcode.matches("\\d{4}") || place == null) {
            return null;
        }
        return new PatronInputs.Address(String.join("\n", lines), postcode, capitalised(place), "NO", null);
    }

    private static JsonNode current(JsonNode list) {
        if (list.isObject()) {
            return list;
        }
        JsonNode first = null;
        for (JsonNode n : list) {
            if (n.path("erGjeldende").asBoolean(false)) {
                return n;
            }
            first = first == null ? n : first;
        }
        return first == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : first;
    }

    private static String text(JsonNode n, String field) {
        if (n == null) {
            return null;
        }
        JsonNode v = n.path(field);
        String s = v.isValueNode() ? v.asText("").trim() : "";
        return s.isEmpty() ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    private static String join(String a, String b) {
        return join(a, b, " ");
    }

    private static String join(String a, String b, String separator) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + separator + b;
    }

    /**
     * The register sends names in capitals ("KARI ÁNDE NORDMANN-LØKKE"); stored as "Kari Ánde Nordmann-Løkke".
     * Text with any lower-case letter is kept as sent.
     */
    static String capitalised(String s) {
        if (!s.equals(s.toUpperCase(Locale.ROOT))) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            out.appendCodePoint(start ? Character.toTitleCase(cp) : Character.toLowerCase(cp));
            start = !Character.isLetter(cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "PopulationPerson[redacted]";
    }
}
