package no.nb.bibliotekkortet.numberseries.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of numberseries-service (prefix {@code numberseries}). */
@ConfigMapping(prefix = "numberseries")
public interface NumberSeriesConfig {

    /** How long after an issue (or digital allocation) the same request id may release it (ISO-8601, e.g. PT15M). */
    @WithDefault("PT15M")
    Duration releaseWindow();

    /** How many numbers the national digital series reserves each time its current range is used up. */
    @WithDefault("100000")
    int digitalRangeSize();

    /**
     * How many allocation values of the digital series an instance reserves at a time (one statement) and then
     * hands out from memory. Values of a block an instance did not use up before it stopped are skipped: their
     * numbers stay FREE and are never allocated, never given twice.
     */
    @WithDefault("1000")
    int digitalBlockSize();

    /**
     * Most digital allocations, or most series orders, written together in one transaction (group commit: the
     * requests that arrive while one batch is written form the next).
     */
    @WithDefault("200")
    int maxWriteBatch();

    /** Most numbers one retirement batch may hold. */
    @WithDefault("1000")
    int maxRetirementBatch();

    /** Most series one import may hold. */
    @WithDefault("1000")
    int maxImportBatch();
}
