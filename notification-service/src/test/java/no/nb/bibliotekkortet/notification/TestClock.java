package no.nb.bibliotekkortet.notification;

import jakarta.enterprise.context.ApplicationScoped;
import no.nb.bibliotekkortet.testsupport.MovableClock;

/** The service's clock in tests: replaces common's default Clock; tests move it (see {@link MovableClock}). */
@ApplicationScoped
public class TestClock extends MovableClock {
}
