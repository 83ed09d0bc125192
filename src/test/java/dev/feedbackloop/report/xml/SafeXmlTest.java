package dev.feedbackloop.report.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.feedbackloop.report.ReportParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile XML must be refused before anything is fetched: a local HTTP server counts every request the parser makes,
 * and a local secret file must never show up in what is read or in the error.
 */
class SafeXmlTest {

    private static final String SECRET = "TOP-SECRET-CONTENT";
    private static HttpServer server;
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static String base;

    @TempDir
    static Path temp;
    private static Path secretFile;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            REQUESTS.incrementAndGet();
            byte[] body = ("<!ENTITY leak \"" + SECRET + "\">").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        secretFile = Files.writeString(temp.resolve("secret.txt"), SECRET);
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    static Stream<Arguments> hostileDocuments() {
        return Stream.of(
                Arguments.of("external file entity (XXE)", (Function<String, String>) b ->
                        "<!DOCTYPE testsuite [<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">]>"
                                + "<testsuite><testcase name=\"&xxe;\"/></testsuite>"),
                Arguments.of("external http entity (XXE)", (Function<String, String>) b ->
                        "<!DOCTYPE testsuite [<!ENTITY xxe SYSTEM \"" + b + "/entity\">]>"
                                + "<testsuite><testcase name=\"x\">&xxe;</testcase></testsuite>"),
                Arguments.of("external DTD", (Function<String, String>) b ->
                        "<!DOCTYPE testsuite SYSTEM \"" + b + "/report.dtd\"><testsuite>&leak;</testsuite>"),
                Arguments.of("public external DTD", (Function<String, String>) b ->
                        "<!DOCTYPE testsuite PUBLIC \"-//X//Y\" \"" + b + "/public.dtd\"><testsuite/>"),
                Arguments.of("parameter entity", (Function<String, String>) b ->
                        "<!DOCTYPE testsuite [<!ENTITY % p SYSTEM \"" + b + "/param\"> %p;]>"
                                + "<testsuite>&leak;</testsuite>"),
                Arguments.of("billion laughs", (Function<String, String>) b -> billionLaughs()),
                Arguments.of("harmless DOCTYPE", (Function<String, String>) b ->
                        "<!DOCTYPE testsuite><testsuite/>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDocuments")
    void documentsWithADoctypeAreRefusedAndNothingIsFetched(String name, Function<String, String> document) {
        int before = REQUESTS.get();
        String xml = "<?xml version=\"1.0\"?>\n" + document.apply(base);

        assertThatThrownBy(() -> readAllText(xml))
                .isInstanceOf(ReportParseException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageContaining("line 2")
                .hasMessageNotContaining(SECRET);
        assertThat(REQUESTS.get() - before).as("HTTP requests made while parsing").isZero();
    }

    @Test
    void anUndeclaredEntityIsRefusedNamingIt() {
        assertThatThrownBy(() -> readAllText("<testsuite>&xxe;</testsuite>"))
                .isInstanceOf(ReportParseException.class)
                .hasMessageContaining("xxe")
                .hasMessageContaining("line 1");
    }

    @Test
    void predefinedEntitiesAndCharacterReferencesAreDecoded() {
        String xml = "<t a=\"&quot;x&quot; &amp; &#x41;\">&lt;init&gt; &amp; &apos;y&apos; &#66;&#x43;<![CDATA[&amp;]]></t>";
        assertThat(readAllText(xml)).isEqualTo("\"x\" & A<init> & 'y' BC&amp;");
        assertThat(firstAttribute(xml)).isEqualTo("\"x\" & A");
    }

    @Test
    void nextTagAndGetElementTextStillRefuseADoctype() {
        String xml = "<!DOCTYPE t [<!ENTITY e \"boom\">]><t>&e;</t>";
        assertThatThrownBy(() -> {
            XMLStreamReader reader = SafeXml.open(stream(xml));
            reader.nextTag();
            reader.getElementText();
        }).isInstanceOf(ReportParseException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void streamingReaderHandsOutLongTextInBoundedChunks() throws XMLStreamException {
        String big = "x".repeat(1_000_000);
        String xml = "<t>" + big + "<![CDATA[" + big + "]]></t>";
        XMLStreamReader reader = SafeXml.openStreaming(stream(xml));
        int longest = 0;
        long total = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                longest = Math.max(longest, reader.getTextLength());
                total += reader.getTextLength();
            }
        }
        assertThat(total).isEqualTo(2_000_000);
        assertThat(longest).isLessThanOrEqualTo(SafeXml.MAX_TEXT_CHUNK);
    }

    @Test
    void malformedXmlNamesLineAndColumn() {
        assertThatThrownBy(() -> readAllText("<t>\n  <a></b>\n</t>"))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("line 2, column")
                .hasMessageContaining("malformed XML");
    }

    private static String readAllText(String xml) {
        try {
            XMLStreamReader reader = SafeXml.open(stream(xml));
            StringBuilder text = new StringBuilder();
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    text.append(reader.getText());
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        text.append(reader.getAttributeValue(i));
                    }
                }
            }
            return text.toString();
        } catch (XMLStreamException e) {
            throw SafeXml.translate(e);
        }
    }

    private static String firstAttribute(String xml) {
        try {
            XMLStreamReader reader = SafeXml.open(stream(xml));
            reader.nextTag();
            return reader.getAttributeValue(0);
        } catch (XMLStreamException e) {
            throw SafeXml.translate(e);
        }
    }

    private static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE testsuite [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return dtd.append("]><testsuite name=\"&lol9;\">&lol9;</testsuite>").toString();
    }

    private static ByteArrayInputStream stream(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }
}
