package no.nb.bibliotekkortet.numberseries.support;

import jakarta.inject.Singleton;
import no.nb.bibliotekkortet.testsupport.MovableClock;

/** The service's clock in tests: replaces common's default Clock; tests move it (see {@link MovableClock}). */
@Singleton
public class TestClock extends MovableClock {
}
