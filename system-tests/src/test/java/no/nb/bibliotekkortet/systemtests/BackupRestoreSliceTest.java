package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.systemtests.support.Commands;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore of the local suite (issue 17; docs/operations.md, "Backup and restore (local suite)"):
 * a patron registered through the gateway is in a {@code scripts/backup.sh} backup of the running suite's
 * databases, and {@code scripts/restore.sh} brings the patron, the issued card number and the membership back in
 * databases that were dropped and created again. The restore goes to copies under another suffix
 * ({@code <suite suffix>_restored}), so the running suite's databases are only read (pg_dump), never replaced.
 * The suite's database suffix is {@code SUITE_DB_SUFFIX} (scripts/test.sh: {@code _systest}).
 */
@RunningSuite
class BackupRestoreSliceTest {

    private static final List<String> DATABASES = List.of("patron", "membership", "auth", "numberseries", "notification");
    private static final String SUITE_SUFFIX = System.getenv().getOrDefault("SUITE_DB_SUFFIX", "");
    private static final String RESTORED_SUFFIX = SUITE_SUFFIX + "_restored";

    @TempDir
    Path tmp;

    private static Commands.Result run(String suffix, String... command) {
        return Commands.run(Map.of("RUN_DB_SUFFIX", suffix), command);
    }

    private static String query(String database, String sql) {
        Commands.Result result = Commands.run(Map.of(), "psql", "-h", System.getenv().getOrDefault("DB_HOST", "127.0.0.1"),
                "-p", System.getenv().getOrDefault("DB_PORT", "5432"), "-U", System.getenv().getOrDefault("DB_USER", "postgres"),
                "-d", database + RESTORED_SUFFIX, "-tAq", "-v", "ON_ERROR_STOP=1", "-c", sql);
        assertEquals(0, result.exitCode(), result.output());
        return result.output().trim();
    }

    @AfterEach
    void dropTheCopies() {
        for (String db : DATABASES) {
            Commands.run(Map.of("PGOPTIONS", "-c client_min_messages=warning"), "psql", "-h",
                    System.getenv().getOrDefault("DB_HOST", "127.0.0.1"), "-U", System.getenv().getOrDefault("DB_USER", "postgres"),
                    "-d", "postgres", "-qc", "drop database if exists \"" + db + RESTORED_SUFFIX + "\" with (force)");
        }
    }

    @Test
    void aRegisteredPatronSurvivesBackupDropAndRestore() throws IOException {
        String series = maskinporten("library-system-2030000", "series");
        String card = gateway(series).header("Library-Number", "2030000").body("{\"count\": 1}")
                .post("/api/v1/number-series").then().statusCode(201).extract().path("first");
        String body = """
                {"identityNumber": "%s", "givenNames": "Ola", "surname": "Backup",
                 "permanentAddress": {"streetLines": ["Storgata 2"], "postcode": "0150", "place": "Oslo"},
                 "email": "ola.backup@example.no", "language": "nb", "cardNumber": "%s"}"""
                .formatted(SyntheticIdentityNumbers.next(), card);
        String patronId = gateway(maskinporten("library-system-2030000", "patrons.write")).header("Library-Number", "2030000")
                .body(body).post("/api/v1/patrons").then().statusCode(201).extract().path("patronId");

        Path backup = tmp.resolve("backup");
        Commands.Result backedUp = run(SUITE_SUFFIX, "scripts/backup.sh", backup.toString());
        assertEquals(0, backedUp.exitCode(), backedUp.output());
        for (String db : DATABASES) {
            assertTrue(Files.size(backup.resolve(db + ".dump")) > 0, db);
        }

        // Twice: the second restore drops the databases the first one created, then restores into new ones.
        for (int round = 0; round < 2; round++) {
            Commands.Result restored = run(RESTORED_SUFFIX, "scripts/restore.sh", backup.toString());
            assertEquals(0, restored.exitCode(), restored.output());
        }

        assertEquals(patronId, query("patron", "select patron_id from card where card_number = '" + card + "'"));
        assertEquals("1", query("patron", "select count(*) from patron where id = '" + patronId + "'"));
        assertEquals("ISSUED", query("numberseries",
                "select state from card_number where number = " + Long.parseLong(card.substring(1))));
        assertEquals("2030000", query("membership",
                "select library_number from membership where patron_id = '" + patronId + "'"));
        assertEquals(query("patron", "select count(*) from flyway_schema_history where success"),
                query("patron", "select count(*) from flyway_schema_history"), "Flyway's history comes back with the schema");
    }

    @Test
    void aBackupWhoseArchiveWasAlteredIsRefused() throws IOException {
        Path backup = tmp.resolve("backup");
        assertEquals(0, run(SUITE_SUFFIX, "scripts/backup.sh", backup.toString()).exitCode());
        Files.write(backup.resolve("auth.dump"), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        Commands.Result restored = run(RESTORED_SUFFIX, "scripts/restore.sh", backup.toString());
        assertEquals(1, restored.exitCode(), restored.output());
        assertTrue(restored.output().contains("does not match its checksum"), restored.output());
    }
}
