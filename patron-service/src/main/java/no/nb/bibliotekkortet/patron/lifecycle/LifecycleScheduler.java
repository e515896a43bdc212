package no.nb.bibliotekkortet.patron.lifecycle;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs the daily lifecycle jobs (R21, R22) on the crons {@code register.lifecycle.inactivity-cron} and
 * {@code register.lifecycle.guardian-cron} ({@code off} in tests, which call the jobs directly). A run that
 * overlaps the previous one is skipped; a crashed run is simply resumed by the next one (state is in the tables).
 */
@ApplicationScoped
public class LifecycleScheduler {

    private final InactivityJob inactivity;
    private final GuardianAccessJob guardians;

    public LifecycleScheduler(InactivityJob inactivity, GuardianAccessJob guardians) {
        this.inactivity = inactivity;
        this.guardians = guardians;
    }

    @Scheduled(identity = "inactivity", cron = "${register.lifecycle.inactivity-cron:0 30 2 * * ?}",
            timeZone = "Europe/Oslo", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void inactivity() {
        inactivity.run();
    }

    @Scheduled(identity = "guardian-access", cron = "${register.lifecycle.guardian-cron:0 0 2 * * ?}",
            timeZone = "Europe/Oslo", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void guardians() {
        guardians.run();
    }
}
