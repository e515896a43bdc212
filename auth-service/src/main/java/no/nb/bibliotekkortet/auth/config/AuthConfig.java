package no.nb.bibliotekkortet.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Settings of auth-service (prefix {@code auth}); every duration and limit of issue 6 lives here. */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    Hashing hashing();

    Pepper pepper();

    Lockout lockout();

    Spray spray();

    Pairwise pairwise();

    AgeCheck ageCheck();

    Verification verification();

    /** Argon2id parameters for new hashes and the bound on concurrent hashing. */
    interface Hashing {
        /** Memory per hash in KiB (OWASP minimum 19456 = 19 MiB). */
        @WithDefault("19456")
        int memoryKib();

        /** Iterations (OWASP minimum 2 at 19 MiB). */
        @WithDefault("2")
        int iterations();

        /** Lanes (OWASP minimum 1). */
        @WithDefault("1")
        int parallelism();

        /** Salt length in bytes. */
        @WithDefault("16")
        int saltBytes();

        /** Hashes running at once; 0 means the number of available processors. */
        @WithDefault("0")
        int maxConcurrent();

        /** How long a request waits for a hashing slot before 503 with Retry-After. */
        @WithDefault("PT0.5S")
        Duration queueWait();

        /** The Retry-After (seconds) of that 503. */
        @WithDefault("1")
        int retryAfterSeconds();
    }

    /** Server-side pepper: HMAC-SHA256 keys (base64, at least 32 bytes) by key id, from a Secret. */
    interface Pepper {
        /** Key id used for new hashes. */
        String currentKeyId();

        /** All keys by id; old ids stay until every hash made with them has been rehashed. */
        Map<String, String> keys();
    }

    /** Lockout (issue 6): failures before a lock, first lock time (doubling), timed locks before a hard lock. */
    interface Lockout {
        @WithDefault("5")
        int maxConsecutiveFailures();

        @WithDefault("PT15M")
        Duration firstLockDuration();

        /** Timed locks without a success in between; the next lock is a hard lock (staff reset). */
        @WithDefault("3")
        int timedLocksBeforeHardLock();
    }

    /** Per-client limit on failed verifications (stops spraying PINs across many cards). */
    interface Spray {
        @WithDefault("30")
        int maxFailuresPerWindow();

        @WithDefault("PT1M")
        Duration window();
    }

    /** Pairwise pseudonymous subjects for partners (R18). */
    interface Pairwise {
        /** HMAC-SHA256 key (base64, at least 32 bytes), from a Secret. */
        String key();

        /** How long a subject from a verification may replace card + PIN in an age check. */
        @WithDefault("PT15M")
        Duration ageCheckValidity();
    }

    /** Age checks (R18). */
    interface AgeCheck {
        /** Age checks per patron, partner and Europe/Oslo day. */
        @WithDefault("3")
        int maxPerDay();
    }

    /** Verification. */
    interface Verification {
        /** Patron lifecycle states (patron-service's resolve) whose cards may verify. */
        @WithDefault("ACTIVE")
        List<String> activePatronStates();

    }
}
