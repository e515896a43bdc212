package no.nb.bibliotekkortet.common.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Route templates are compared in one normal form. */
class BoundedUriTagsTest {

    @Test
    void templatesAreNormalised() {
        assertEquals("/api/v1/patrons/{cardNumber}", BoundedUriTags.normalise("/api/v1/patrons//{cardNumber}/"));
        assertEquals("/internal/v1/card-numbers/{cardNumber}/issue", BoundedUriTags.normalise("internal/v1/card-numbers/{cardNumber: N\\d{9}}/issue"));
        assertEquals("/", BoundedUriTags.normalise("/"));
    }
}
