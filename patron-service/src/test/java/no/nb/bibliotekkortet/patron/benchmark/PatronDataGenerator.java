package no.nb.bibliotekkortet.patron.benchmark;

import no.nb.bibliotekkortet.patron.support.TestIdentities;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import no.nb.bibliotekkortet.patron.service.IdentityVault;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk-loads N synthetic patrons with PostgreSQL {@code COPY} (patron, card, patron_library): valid Tenor
 * synthetic identity numbers (month + 80, unique by enumeration), encrypted and keyed-hashed with the service's
 * {@link IdentityVault}; real library numbers from the project's copy of the library list ({@code membership-service/src/main/resources/libraries.csv}); realistic Norwegian and Sámi
 * names; E.164 phones; every 50th patron with a secret address (no address stored).
 */
public final class PatronDataGenerator {

    private static final String[] GIVEN = {"Kari", "Ola", "Ánde", "Máret", "Nils Ivar", "Elle", "Ingrid", "Jon",
            "Siri", "Áslat", "Kristin", "Per", "Sunná", "Lars", "Ingá", "Mathias", "Nora", "Emma", "Jakob", "Ŋuvvos"};
    private static final String[] SURNAMES = {"Nordmann", "Hansen", "Johansen", "Olsen", "Sara", "Eira", "Gaup",
            "Hætta", "Somby", "Bær", "Čoalli", "Larsen", "Andersen", "Pedersen", "Nilsen", "Đuolja", "Šimma", "Berg"};

    /** One generated patron: the identity number is kept so the benchmark can search by it. */
    public record Generated(String identityNumber, String cardNumber) {
    }

    private final IdentityVault vault;
    private final List<String> libraries;

    public PatronDataGenerator(IdentityVault vault, Path librariesCsv) throws IOException {
        this.vault = vault;
        this.libraries = new ArrayList<>();
        for (String line : Files.readAllLines(librariesCsv).subList(1, Files.readAllLines(librariesCsv).size())) {
            if (!line.isBlank()) {
                libraries.add(line.substring(0, 7));
            }
        }
    }

    /**
     * Loads {@code count} patrons in batches of 50 000 rows per COPY.
     *
     * @return a sample (every 50th) of identity numbers and card numbers, for the load client
     */
    public List<Generated> load(Connection connection, int count) throws SQLException, IOException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        Random random = new Random(42);
        List<Generated> sample = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        Instant now = Instant.now();
        StringBuilder patrons = new StringBuilder();
        StringBuilder cards = new StringBuilder();
        StringBuilder memberships = new StringBuilder();
        var numbers = new SyntheticNumbers();
        for (int i = 0; i < count; i++) {
            String identity = numbers.next();
            UUID id = UUID.randomUUID();
            IdentityVault.Sealed sealed = vault.seal(identity);
            String card = String.format("N%09d", 900_000_000 + i);
            String library = libraries.get(random.nextInt(libraries.size()));
            boolean secret = i % 50 == 0;
            LocalDate birth = numbers.lastBirthDate();
            patrons.append(id).append(',')
                    .append("\\x").append(hex.formatHex(vault.hash(identity))).append(',')
                    .append("\\x").append(hex.formatHex(sealed.ciphertext())).append(',')
                    .append(sealed.keyId()).append(",FODSELSNUMMER,")
                    .append(GIVEN[random.nextInt(GIVEN.length)]).append(',')
                    .append(SURNAMES[random.nextInt(SURNAMES.length)]).append(',')
                    .append(birth).append(",IDENTITY_NUMBER,").append(secret).append(',');
            if (secret) {
                patrons.append(",,,");
            } else {
                patrons.append("Storgata ").append(1 + random.nextInt(200)).append(',')
                        .append(String.format("%04d", random.nextInt(10000))).append(",Oslo,NO");
            }
            patrons.append(",+479").append(String.format("%07d", random.nextInt(10_000_000))).append(',')
                    .append("bruker").append(i).append("@example.no,EMAIL,nb,ACTIVE,")
                    .append(library).append(',').append(now).append(',').append(library).append(',').append(now).append('\n');
            cards.append(card).append(',').append(id).append(",PRINTED,ACTIVE,").append(library).append(',').append(now).append('\n');
            memberships.append(id).append(',').append(library).append(",ACTIVE,true,1\n");
            if (i % 50 == 25) { // not the secret-address patrons (i % 50 == 0)
                sample.add(new Generated(identity, card));
            }
            if ((i + 1) % 50_000 == 0 || i == count - 1) {
                flush(copy, patrons, cards, memberships);
            }
        }
        return sample;
    }

    private static void flush(CopyManager copy, StringBuilder patrons, StringBuilder cards, StringBuilder memberships)
            throws SQLException, IOException {
        copy.copyIn("copy patron (id, identity_hash, identity_cipher, identity_key_id, identity_kind, given_names, "
                + "surname, birth_date, birth_date_source, address_protected, address_lines, address_postcode, "
                + "address_place, address_country, phone_mobile, email, preferred_channel, language, state, created_by, "
                + "created_at, changed_by, changed_at) from stdin with (format csv)", reader(patrons));
        copy.copyIn("copy card (card_number, patron_id, kind, state, issued_by, issued_at) from stdin with (format csv)", reader(cards));
        copy.copyIn("copy patron_library (patron_id, library_number, state, home, version) from stdin with (format csv)", reader(memberships));
        patrons.setLength(0);
        cards.setLength(0);
        memberships.setLength(0);
    }

    private static Reader reader(StringBuilder text) {
        return new StringReader(text.toString());
    }

    /** Enumerates valid Tenor numbers (day, month + 80, year, individual number) without repeats. */
    static final class SyntheticNumbers {
        private LocalDate date = LocalDate.of(1940, 1, 1);
        private int individual = -1;
        private LocalDate last;

        String next() {
            while (true) {
                individual++;
                if (individual > 499) {
                    individual = 0;
                    date = date.plusDays(1);
                }
                String nine = String.format("%02d%02d%02d%03d", date.getDayOfMonth(), date.getMonthValue() + 80,
                        date.getYear() % 100, individual);
                String number = TestIdentities.withCheckDigits(nine);
                if (number != null) {
                    last = date;
                    return number;
                }
            }
        }

        LocalDate lastBirthDate() {
            return last;
        }
    }
}
