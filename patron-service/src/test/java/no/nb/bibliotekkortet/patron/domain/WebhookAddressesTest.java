package no.nb.bibliotekkortet.patron.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSRF rules for webhook URLs and the addresses their hosts resolve to (issue 10, push). */
class WebhookAddressesTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal); // literals only: no DNS
    }

    @Test
    void refusedAddresses() throws Exception {
        for (String a : List.of("127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "169.254.169.254", "0.0.0.0", "0.1.2.3", "100.64.0.1", "224.0.0.1", "239.1.1.1", "255.255.255.255",
                "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1",
                "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::a00:1")) {
            assertFalse(WebhookAddresses.allowed(ip(a), false), a);
        }
    }

    @Test
    void publicAddresses() throws Exception {
        for (String a : List.of("8.8.8.8", "151.101.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255",
                "100.128.0.1", "2001:4860:4860::8888", "2a00:1450::1", "::ffff:8.8.8.8", "64:ff9b::808:808")) {
            assertTrue(WebhookAddresses.allowed(ip(a), false), a);
        }
    }

    @Test
    void allowPrivateStillRefusesUnspecifiedAndMulticast() throws Exception {
        assertTrue(WebhookAddresses.allowed(ip("127.0.0.1"), true));
        assertTrue(WebhookAddresses.allowed(ip("10.0.0.1"), true));
        assertTrue(WebhookAddresses.allowed(ip("::1"), true));
        assertFalse(WebhookAddresses.allowed(ip("0.0.0.0"), true));
        assertFalse(WebhookAddresses.allowed(ip("224.0.0.1"), true));
        assertFalse(WebhookAddresses.allowed(ip("ff02::1"), true));
    }

    @Test
    void everyResolvedAddressMustBeAllowed() throws Exception {
        assertEquals("address-not-allowed", WebhookAddresses.choose(List.of(ip("8.8.8.8"), ip("10.0.0.1")), false).refusal());
        assertEquals("address-not-allowed", WebhookAddresses.choose(List.of(), false).refusal());
        assertEquals(ip("8.8.8.8"), WebhookAddresses.choose(List.of(ip("8.8.8.8"), ip("8.8.4.4")), false).value());
    }

    @Test
    void urlForm() {
        var ok = WebhookAddresses.parse("https://Hooks.Example.no/bk/changes?x=1", false);
        assertTrue(ok.ok());
        assertEquals("hooks.example.no", ok.value().host());
        assertEquals(443, ok.value().port());
        assertEquals("/bk/changes?x=1", ok.value().pathAndQuery());
        assertEquals(8443, WebhookAddresses.parse("https://[2001:db8::1]:8443", false).value().port());
        assertEquals("2001:db8::1", WebhookAddresses.parse("https://[2001:db8::1]:8443", false).value().host());
        assertEquals("/", WebhookAddresses.parse("https://hooks.example.no", false).value().pathAndQuery());
        assertEquals("https-required", WebhookAddresses.parse("http://hooks.example.no/x", false).refusal());
        assertTrue(WebhookAddresses.parse("http://hooks.example.no/x", true).ok());
        for (String bad : List.of("", "hooks.example.no/x", "ftp://hooks.example.no/x", "https://user:pw@hooks.example.no/",
                "https://hooks.example.no/#frag", "https:///x", "file:///etc/passwd", "https://exa mple.no/",
                "https://hooks.example.no/" + "x".repeat(2000))) {
            assertEquals("malformed", WebhookAddresses.parse(bad, true).refusal(), bad);
        }
    }
}
