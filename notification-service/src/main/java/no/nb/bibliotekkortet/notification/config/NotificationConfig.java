package no.nb.bibliotekkortet.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Typed configuration of delivery, retention and the SMS provider (prefix {@code notification}). */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {

    Delivery delivery();

    Retention retention();

    Mail mail();

    Sms sms();

    Metrics metrics();

    /** Queue gauges. */
    interface Metrics {
        /** How often the queue depth and oldest-age gauges are recomputed (a quarkus-scheduler period, e.g. 15s). */
        @WithDefault("15s")
        String refresh();
    }

    /** The delivery worker. */
    interface Delivery {
        /** Whether the worker runs at all (off only for special runs). */
        @WithDefault("true")
        boolean enabled();

        /** Pause between two polls for due notifications (milliseconds in tests). */
        @WithDefault("1s")
        Duration interval();

        /** Most notifications claimed per poll. */
        @WithDefault("20")
        int batchSize();

        /** How long a claim lasts; a notification still SENDING after this is taken again (its worker died). */
        @WithDefault("5m")
        Duration lease();

        /** Longest wait for the SMTP server or SMS provider to accept one message. */
        @WithDefault("30s")
        Duration sendTimeout();

        /** Attempts in total before a notification is dead. */
        @WithDefault("8")
        int maxAttempts();

        /** Delay after the first failed attempt; doubles per attempt. */
        @WithDefault("30s")
        Duration backoffInitial();

        /** Longest delay between attempts. */
        @WithDefault("1h")
        Duration backoffMax();

        /** Fraction (0..1) of each delay that is randomised away. */
        @WithDefault("0.5")
        double jitter();
    }

    /** Erasure of personal data from finished notifications. */
    interface Retention {
        /** Time after a notification's final state at which its recipient and parameters are erased (R20/R21). */
        @WithDefault("30d")
        Duration after();

        /** How often expired notifications are erased (a quarkus-scheduler period, e.g. 10m). */
        @WithDefault("10m")
        String interval();
    }

    /** E-mail. */
    interface Mail {
        /** Sender address of every e-mail. */
        @WithDefault("Bibliotekkortet <ikke-svar@bibliotekkortet.no>")
        String from();
    }

    /** The HTTP SMS provider (its URL is {@code quarkus.rest-client.sms-provider.url}). */
    interface Sms {
        /** Sender name shown on the phone (max 11 GSM characters). */
        @WithDefault("Biblkortet")
        String senderName();

        /** User name for HTTP basic authentication at the provider, if it needs one. */
        Optional<String> username();

        /** Password for HTTP basic authentication at the provider. */
        Optional<String> password();
    }
}
