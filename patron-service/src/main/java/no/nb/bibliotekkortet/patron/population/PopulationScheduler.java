package no.nb.bibliotekkortet.patron.population;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Polls the population register every {@code register.population.poll-interval} ({@code off} in module tests,
 * which call {@link FeedFollower#poll} themselves; a few seconds in the local suite). A poll that overlaps the
 * previous one is skipped; a crashed poll is resumed by the next from the stored cursor.
 */
@ApplicationScoped
public class PopulationScheduler {

    private final FeedFollower follower;

    public PopulationScheduler(FeedFollower follower) {
        this.follower = follower;
    }

    @Scheduled(identity = "population-register-feed", every = "${register.population.poll-interval:60s}",
            delayed = "${register.population.initial-delay:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        follower.poll();
    }
}
