package no.nb.bibliotekkortet.systemtests.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Marks a scenario test class that needs the running suite (scripts/run.sh): it runs only when the
 * environment variable {@code GATEWAY_URL} is set (scripts/test.sh sets it) and is skipped otherwise.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("suite")
@EnabledIfEnvironmentVariable(named = "GATEWAY_URL", matches = ".+",
        disabledReason = "needs the running suite: set GATEWAY_URL (scripts/test.sh does)")
public @interface RunningSuite {
}
