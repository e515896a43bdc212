package no.nb.bibliotekkortet.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import no.nb.bibliotekkortet.notification.template.TemplateId;
import org.junit.jupiter.api.Test;

/** Every template has subject, body and SMS text in nb, nn and en, and each language is its own text. */
class MessageFilesTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(MessageFilesTest.class.getResourceAsStream("/messages/" + name), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void everyTemplateIsTranslatedIntoEveryLanguage() throws IOException {
        Properties nb = load("msg.properties");
        Properties nn = load("msg_nn.properties");
        Properties en = load("msg_en.properties");
        assertEquals(nb.keySet(), nn.keySet(), "nn has the same keys as nb");
        assertEquals(nb.keySet(), en.keySet(), "en has the same keys as nb");
        for (TemplateId t : TemplateId.values()) {
            String base = t.id().replace('-', '_');
            for (String part : new String[] {"_subject", "_body", "_sms"}) {
                String key = base + part;
                assertNotNull(nb.getProperty(key), key);
                assertNotEquals(nb.getProperty(key), en.getProperty(key), key + " en differs from nb");
            }
            // Bokmål and nynorsk may share a short subject line; the bodies are written in each.
            assertNotEquals(nb.getProperty(base + "_body"), nn.getProperty(base + "_body"), base + " body: nn differs from nb");
        }
    }
}
