package no.nb.bibliotekkortet.membership.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.LocalDate;
import java.time.ZoneId;

/** Typed configuration of membership-service (prefix {@code membership}). */
@ConfigMapping(prefix = "membership")
public interface MembershipConfig {

    /** Zone in which dates (agreement deadline, rules valid-from) are read. */
    @WithDefault("Europe/Oslo")
    ZoneId zone();

    /** The library list seeded at start: {@code classpath:...} or a file path. */
    @WithDefault("classpath:libraries.csv")
    String librariesFile();

    /** Data processing agreement settings (R23). */
    Dpa dpa();

    interface Dpa {
        /** Deadline for signing; staff ILL orders are escalated on the days after it. */
        @WithDefault("2024-06-01")
        LocalDate deadline();
    }
}
