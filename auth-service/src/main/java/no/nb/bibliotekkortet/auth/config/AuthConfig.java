package no.nb.bibliotekkortet.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Settings of auth-service (prefix {@code auth}); every duration and limit of the PIN, password and lockout rules (R17, R24) lives here. */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    Hashing hashing();

    Pepper pepper();

    Lockout lockout();

    Spray spray();

    Pairwise pairwise();

    AgeCheck ageCheck();

    Verification verification();

    Activity activity();

    Otp otp();

    Tokens tokens();

    Sessions sessions();

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

        /**
         * Requests that may wait for a slot at once (the bounded queue); one more is refused at once with 503 and
         * Retry-After. 0 means 8 per slot: a full queue then waits about 8 hashes (8 x 23 ms here), inside the
         * p99 of 250 ms that partner verification aims for.
         */
        @WithDefault("0")
        int maxQueued();

        /**
         * The longest a queued request waits for a slot before 503 with Retry-After: a backstop for when hashes take
         * far longer than usual (an overloaded machine); the queue's length is the usual bound.
         */
        @WithDefault("PT1S")
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

    /** Lockout (R24): failures before a lock, first lock time (doubling), timed locks before a hard lock. */
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
        /** Failed verifications per client and window before 429, unless {@link #clientLimits()} names the client. */
        @WithDefault("30")
        int maxFailuresPerWindow();

        @WithDefault("PT1M")
        Duration window();

        /**
         * Per-client limits that replace the default ({@code auth.spray.client-limits.<client id>=<failures>}): a
         * client that serves every patron (the self-service web site's login) sees many honest typos per minute.
         */
        java.util.Map<String, Integer> clientLimits();

        /** The limit for one client: its own entry, else the default. */
        default int limitFor(String clientId) {
            return clientLimits().getOrDefault(clientId, maxFailuresPerWindow());
        }

        /** Failed verifications per client and hour (UTC) before 429. */
        @WithDefault("100")
        int maxFailuresPerHour();

        /**
         * Failed verifications per client and day (UTC) before 429: the guessing budget of a stolen client credential
         * (docs/security.md, "Guessing budget": 300 a day is under one expected compromised 4-digit PIN a month).
         */
        @WithDefault("300")
        int maxFailuresPerDay();

        /** Limits per end-user address of a partner or the self-service site ({@code End-User-Address}). */
        EndUser endUser();

        /** Per end-user address (IPv4 address, or IPv6 /64 prefix) of one client. */
        interface EndUser {
            @WithDefault("5")
            int maxFailuresPerMinute();

            @WithDefault("20")
            int maxFailuresPerHour();

            @WithDefault("30")
            int maxFailuresPerDay();
        }
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

    /** Activity of verifications, sent to patron-service in batches (R21, issue 20; service/ActivityBatches). */
    interface Activity {
        /** Most activity rows in one message to patron-service. */
        @WithDefault("500")
        int batchSize();

        /** How often waiting activity is batched (a Quarkus scheduler interval, e.g. {@code 1s}). */
        @WithDefault("1s")
        String batchInterval();

        /** The first batching after start (tests: 1h, they batch by calling ActivityBatches.flush()). */
        @WithDefault("2s")
        String initialDelay();
    }

    /** Verification. */
    interface Verification {
        /** Patron lifecycle states (patron-service's resolve) whose cards may verify. */
        @WithDefault("ACTIVE")
        List<String> activePatronStates();

        /**
         * How long patron-service's answer for a card number is reused by verifications and age checks (issue 20):
         * a card retired or a patron's state changed at patron-service takes effect here at most this late (there is
         * no event for those; an erasure takes effect at once). 0 = every verification asks patron-service.
         */
        @WithDefault("PT30S")
        Duration cardCacheTtl();

        /** Most card numbers whose answers are kept (least recently used go first). */
        @WithDefault("100000")
        int cardCacheSize();
    }

    /** One-time codes (R16). */
    interface Otp {
        /** HMAC-SHA256 key (base64, at least 32 bytes) for the stored code hashes, from a Secret. */
        String key();

        /** How long a code is valid. */
        @WithDefault("PT10M")
        Duration validity();

        /** Wrong tries after which a code is dead (TOO_MANY_TRIES). */
        @WithDefault("5")
        int maxWrongTries();

        /** Codes per patron within {@link #window()}; more → 429. */
        @WithDefault("5")
        int maxPerWindow();

        /** The sliding window of the per-patron limit. */
        @WithDefault("PT1H")
        Duration window();

        /** Rows (hash, state) are deleted this long after creation (they must outlive {@link #window()}). */
        @WithDefault("P1D")
        Duration retention();
    }

    /** auth-service's patron tokens (R16, R17): issuer, audience, lifetime, signing keys by key id. */
    interface Tokens {
        /** {@code iss} of every token and of the discovery document; what other services use as
         *  {@code quarkus.oidc.patron.auth-server-url}. */
        String issuer();

        /** {@code aud}: the public API audience. */
        String audience();

        /** Token lifetime; at most 15 minutes (checked at startup). */
        @WithDefault("PT10M")
        Duration lifetime();

        /** RSA signing keys by key id ({@code kid}); every configured key is published in the JWKS. */
        Map<String, SigningKey> keys();

        /** One RSA key (≥ 2048 bits): base64 PKCS#8 DER private key, and from when it signs. */
        interface SigningKey {
            /** base64 of the PKCS#8 DER encoding ({@code openssl genpkey -algorithm RSA | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0}). */
            String privateKey();

            /**
             * The instant from which this key signs: of the keys whose {@code signs-from} has passed, the latest
             * signs. Set it at least {@code quarkus.oidc.token.forced-jwk-refresh-interval} (10 min) plus the
             * verifiers' cache time after the key is deployed, so that it is published before it signs.
             */
            @WithDefault("1970-01-01T00:00:00Z")
            Instant signsFrom();
        }
    }

    /** Patron login (R16, R17). */
    interface Sessions {
        /** Maskinporten client ids of the register's own first-party clients that may log patrons in. */
        @WithDefault("selfservice-web")
        List<String> firstPartyClients();
    }
}
