package no.nb.bibliotekkortet.membership.service;

import java.util.List;

/**
 * NB's change to a library's settings; a null field is left as it is.
 *
 * @param name                name
 * @param activationMode      IN_PERSON or DIGITAL (R10)
 * @param securityLevels      supported levels, non-empty subset of {@link SecurityLevels#ALL} (R17)
 * @param partnerServices     paid partner services, lower-case ids like {@code filmoteket} (R11)
 * @param unstaffedMinimumAge minimum age in years for unstaffed (self-service) hours
 * @param contactEmail        contact address for agreement e-mails (R23)
 */
public record LibraryChange(String name, ActivationMode activationMode, List<String> securityLevels,
                            List<String> partnerServices, Integer unstaffedMinimumAge, String contactEmail) {
}
