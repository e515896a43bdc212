package no.nb.bibliotekkortet.patron.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * patron-service's settings (prefix {@code register}), the one place the service reads its own configuration
 * (docs/architecture.md, "A setting"); values in application.properties, with {@code %test.} values where the
 * module tests need them short. common's settings under the same prefix ({@code register.outbox.*},
 * {@code register.client-registry.*}, {@code register.security.*}, {@code register.services.*}) are read by common.
 */
@ConfigMapping(prefix = "register")
public interface PatronConfig {

    /** True where synthetic test identity numbers are accepted (dev, tests, the local suite); false in production. */
    @WithDefault("false")
    boolean allowTestIdentities();

    /** Identity numbers: the 2032 rule and the keys that protect them. */
    Identity identity();

    /** Activity reports (R21). */
    Activity activity();

    /** Library webhooks and their delivery (R13). */
    Webhooks webhooks();

    /** The population register coupling (R5, R6). */
    Population population();

    /** The lifecycle jobs (R21, R22). */
    Lifecycle lifecycle();

    /** {@code register.identity.*}. */
    interface Identity {

        /** True: accept the new identity numbers without the classic control digits (from 2032). */
        @WithName("rule-2032")
        @WithDefault("false")
        boolean rule2032();

        /** The id of the current AES key of the identity vault (stored with every ciphertext). */
        String keyId();

        /** The current AES-256 key, Base64. */
        String key();

        /** Earlier keys still read, {@code id:base64} separated by commas; empty when none. */
        Optional<String> previousKeys();

        /** The HMAC-SHA256 key (Base64, at least 256 bits) of the lookup hash of identity numbers. */
        String hashKey();
    }

    /** {@code register.activity.*}. */
    interface Activity {

        /** How far in the future a reported activity time may lie (clock skew of the library systems). */
        Duration maxFutureSkew();
    }

    /** {@code register.webhooks.*}. */
    interface Webhooks {

        /** True where a webhook URL may be plain http (dev, tests); false in production. */
        @WithDefault("false")
        boolean allowHttp();

        /** True where a webhook may point at loopback or private addresses (dev, tests); false in production. */
        @WithDefault("false")
        boolean allowPrivateAddresses();

        /** First retry delay after a failed delivery (common's {@code Backoff}). */
        @WithDefault("PT5S")
        Duration backoffInitial();

        /** Longest retry delay. */
        @WithDefault("PT15M")
        Duration backoffMax();

        /** Connect and response timeout of one delivery. */
        @WithDefault("PT5S")
        Duration requestTimeout();

        /** Deliveries per poll at most. */
        @WithDefault("100")
        int batchSize();

        /** How long a webhook may fail without a break before it is suspended. */
        @WithDefault("P3D")
        Duration suspendAfter();
    }

    /**
     * {@code register.population.*}. The REST client's URL, timeouts and the Maskinporten client
     * ({@code quarkus.oidc-client.population-register.*}) are set in application.properties; the circuit breaker
     * in {@code PopulationRegister}.
     */
    interface Population {

        /** False: registrations keep typed data ({@code NOT_CHECKED}) and the feed is not followed (module tests). */
        @WithDefault("true")
        boolean enabled();

        /** How often the feed is read ({@code off} disables the schedule; tests call the job themselves). */
        @WithDefault("60s")
        String pollInterval();

        /** Delay of the first poll after start. */
        @WithDefault("5s")
        String initialDelay();

        /** Events per feed page (the register serves at most 1000). */
        @WithDefault("1000")
        int pageSize();

        /** Pages read per poll at most, so one poll stays short after a long outage. */
        @WithDefault("20")
        int maxPagesPerPoll();

        /** How long a deceased patron stays (blocked) before the erasure deletes them. */
        @WithDefault("P30D")
        Duration deceasedGrace();

        /**
         * Event types after which a person is looked up even when no patron holds the event's number (a new identity
         * number: the patron holds the earlier one).
         */
        @WithDefault("endringIIdentifikasjonsnummer,nyttFoedselsnummer")
        Set<String> identityEventTypes();

        /** Patrons per batch for reconciliation of unverified registrations and for the deletions after death. */
        @WithDefault("100")
        int batchSize();
    }

    /**
     * {@code register.lifecycle.*}. Schedules are cron expressions ({@code off} disables a job, as in tests, which
     * trigger the jobs directly).
     */
    interface Lifecycle {

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
}
