package no.nb.bibliotekkortet.patron.support;

import jakarta.inject.Singleton;
import no.nb.bibliotekkortet.testsupport.MovableClock;

/**
 * The service's clock in tests: replaces common's default Clock; tests freeze or move it (see
 * {@link MovableClock}). The outbox relay uses the database's clock, so moving this one never strands rows.
 */
@Singleton
public class TestClock extends MovableClock {
}
