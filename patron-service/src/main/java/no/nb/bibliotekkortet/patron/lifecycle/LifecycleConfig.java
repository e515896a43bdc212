package no.nb.bibliotekkortet.patron.lifecycle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Period;
import java.time.ZoneId;

/**
 * Settings of the lifecycle jobs (R21, R22), prefix {@code register.lifecycle}. Schedules are cron expressions
 * ({@code off} disables a job, as in tests, which trigger the jobs directly).
 */
@ConfigMapping(prefix = "register.lifecycle")
public interface LifecycleConfig {

    /** Inactivity after which a patron is deleted (R21: 3 years). */
    @WithDefault("P3Y")
    Period inactivityPeriod();

    /** How long before deletion the warning goes out, and the least time between warning and deletion (R21: 30 days). */
    @WithDefault("P30D")
    Period warningLead();

    /** The zone whose dates count (R21: Europe/Oslo). */
    @WithDefault("Europe/Oslo")
    ZoneId zone();

    /** Patrons per batch transaction (and per erasure call to the other services; they accept ≤ 1000). */
    @WithDefault("500")
    int batchSize();

    /** Cron of the daily inactivity job (warnings, cancellations, deletions). */
    @WithDefault("0 30 2 * * ?")
    String inactivityCron();

    /** Cron of the daily guardian-access job (children's 15th birthdays, R22). */
    @WithDefault("0 0 2 * * ?")
    String guardianCron();
}
