package no.nb.bibliotekkortet.auth.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import no.nb.bibliotekkortet.auth.domain.SecretKind;
import org.junit.jupiter.api.Test;

/** R17 level rule and the PIN/password rules of issue 6. */
class LevelAndSecretRulesTest {

    @Test
    void requiredLevelIsTheChosenRaisedToWhatTheLibrarySupports() {
        assertEquals(SecurityLevel.LOW, LevelPolicy.required(SecurityLevel.LOW, List.of()));
        assertEquals(SecurityLevel.LOW, LevelPolicy.required(SecurityLevel.LOW, List.of(SecurityLevel.values())));
        assertEquals(SecurityLevel.SUBSTANTIAL, LevelPolicy.required(SecurityLevel.LOW,
                List.of(SecurityLevel.SUBSTANTIAL, SecurityLevel.HIGH)));
        assertEquals(SecurityLevel.HIGH, LevelPolicy.required(SecurityLevel.HIGH, List.of(SecurityLevel.LOW)));
        assertEquals(Optional.of(SecurityLevel.SUBSTANTIAL),
                LevelPolicy.shortfall(LevelPolicy.achieved(SecretKind.PIN), SecurityLevel.SUBSTANTIAL));
        assertEquals(Optional.empty(),
                LevelPolicy.shortfall(LevelPolicy.achieved(SecretKind.PASSWORD), SecurityLevel.SUBSTANTIAL));
    }

    @Test
    void pinRules() {
        assertEquals(Optional.empty(), SecretRules.pinViolation("4827"));
        assertEquals(Optional.empty(), SecretRules.pinViolation("482719"));
        for (String bad : new String[] {null, "", "123", "1234567", "12a4", " 4827", "٤٨٢٧"}) {
            assertEquals(Optional.of(SecretRules.PIN_FORMAT), SecretRules.pinViolation(bad), String.valueOf(bad));
        }
        for (String trivial : new String[] {"0000", "1234", "1111", "4321", "98765", "123456", "0123", "1212", "2580", "654321"}) {
            assertEquals(Optional.of(SecretRules.PIN_TRIVIAL), SecretRules.pinViolation(trivial), trivial);
        }
    }

    @Test
    void passwordRules() {
        assertEquals(Optional.empty(), SecretRules.passwordViolation("Lyng-og-Lavendel-42"));
        assertEquals(Optional.of(SecretRules.PASSWORD_LENGTH), SecretRules.passwordViolation("kort-pass"));
        assertEquals(Optional.of(SecretRules.PASSWORD_LENGTH), SecretRules.passwordViolation("x".repeat(257)));
        assertEquals(Optional.of(SecretRules.PASSWORD_COMMON), SecretRules.passwordViolation("Password123"));
        assertEquals(Optional.of(SecretRules.PASSWORD_COMMON), SecretRules.passwordViolation("QWERTYUIOP"));
        assertTrue(SecretRules.isTrivialPin("000000"));
    }
}
