package no.nb.bibliotekkortet.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.ThreadLocalRandom;
import no.nb.bibliotekkortet.notification.config.NotificationConfig;

/** The delivery {@link RetryPolicy} from configuration ({@code notification.delivery.*}). */
@ApplicationScoped
public class RetryPolicyProducer {

    @Produces
    @Singleton
    RetryPolicy retryPolicy(NotificationConfig config) {
        NotificationConfig.Delivery d = config.delivery();
        return new RetryPolicy(d.backoffInitial(), d.backoffMax(), d.jitter(), d.maxAttempts(),
                () -> ThreadLocalRandom.current().nextDouble());
    }
}
