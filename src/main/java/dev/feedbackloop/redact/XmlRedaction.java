package dev.feedbackloop.redact;

import dev.feedbackloop.report.xml.SafeXml;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Copies an XML report event by event (a StAX reader with the parsers' safe settings: no DTD, no external entities)
 * with every text node, CDATA section, attribute value, comment and processing instruction redacted, and the whole
 * value of what is named a secret: an attribute ({@code password="..."}), an element ({@code <apiKey>...</apiKey>}),
 * or a name/value pair ({@code <property name="db.password" value="..."/>}, {@code <item key="ApiKey">}).
 *
 * <p>The output is UTF-8 whatever the input's encoding, with a declaration saying so when the input had one, so the
 * declared encoding stays true. A text node is redacted as one text, whatever CDATA sections and character
 * references it was written with (a secret split across two sections, or with one letter written as
 * {@code &#x65;}, is seen whole), and written as escaped text: the reader reports CDATA as text, and escaped text
 * says the same to every parser. A carriage return, or a line break or tab in an attribute, that only a character
 * reference keeps is written as one. Copying the output again gives the same bytes. Memory: the current element
 * path and one window of text ({@link LongText}).
 */
final class XmlRedaction {

    /** Text nodes up to this long are redacted whole (and may be base64 bodies); longer ones window by window. */
    static final int WINDOW = 256 * 1024;
    /** Attributes that name a pair, and the one that holds its value. */
    private static final Set<String> PAIR_NAMES = Set.of("name", "key");
    private static final String PAIR_VALUE = "value";

    private final XMLStreamReader reader;
    private final Writer out;
    private final Redactions redactions;
    /** Per open element: its qualified name, and the secret its text is the value of (or null). */
    private final Deque<Open> open = new ArrayDeque<>();
    /** A start tag written without its closing {@code >}, so that an empty element can end with {@code />}. */
    private boolean startTagOpen;
    private final StringBuilder text = new StringBuilder();
    private LongText longText;
    /** Characters of a secret's value kept: only whether it is blank, masked or a reference matters. */
    private static final int SECRET_VALUE_KEPT = 1024;

    private XmlRedaction(XMLStreamReader reader, Writer out, Redactions redactions) {
        this.reader = reader;
        this.out = out;
        this.redactions = redactions;
    }

    private record Open(String qualifiedName, String secretName) {
    }

    /**
     * Copies the document from {@code in} to {@code out}, redacted.
     *
     * @throws dev.feedbackloop.report.ReportParseException when it is not well-formed XML, or declares a DOCTYPE
     */
    static void copy(Reader in, Writer out, Redactions redactions) throws IOException {
        XMLStreamReader reader = SafeXml.openStreaming(in);
        try {
            new XmlRedaction(reader, out, redactions).copy();
        } catch (XMLStreamException e) {
            throw SafeXml.translate(e);
        } finally {
            SafeXml.closeQuietly(reader);
        }
        out.flush();
    }

    private void copy() throws XMLStreamException, IOException {
        declaration();
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> startElement();
                case XMLStreamConstants.END_ELEMENT -> endElement();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA -> appendText();
                case XMLStreamConstants.COMMENT -> comment();
                case XMLStreamConstants.PROCESSING_INSTRUCTION -> processingInstruction();
                case XMLStreamConstants.END_DOCUMENT -> {
                    flushText();
                    out.write('\n');
                }
                default -> {
                    // DTD and entity references are refused by SafeXml; nothing else carries content
                }
            }
        }
    }

    private void declaration() throws IOException {
        if (reader.getVersion() == null) {
            return;
        }
        out.write("<?xml version=\"" + reader.getVersion() + "\" encoding=\"UTF-8\"");
        if (reader.standaloneSet()) {
            out.write(reader.isStandalone() ? " standalone=\"yes\"" : " standalone=\"no\"");
        }
        out.write("?>\n");
    }

    private void startElement() throws IOException {
        flushText();
        closeStartTag();
        String name = qualified(reader.getPrefix(), reader.getLocalName());
        out.write('<');
        out.write(name);
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String prefix = reader.getNamespacePrefix(i);
            out.write(prefix == null || prefix.isEmpty() ? " xmlns=\"" : " xmlns:" + prefix + "=\"");
            escapeAttribute(reader.getNamespaceURI(i) == null ? "" : reader.getNamespaceURI(i));
            out.write('"');
        }
        String pairSecret = pairSecret();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String local = reader.getAttributeLocalName(i);
            out.write(' ');
            out.write(qualified(reader.getAttributePrefix(i), local));
            out.write("=\"");
            String value = reader.getAttributeValue(i);
            escapeAttribute(pairSecret != null && PAIR_VALUE.equals(local) ? redactions.valueOf(pairSecret, value)
                    : redactions.valueOf(local, value));
            out.write('"');
        }
        startTagOpen = true;
        String local = reader.getLocalName();
        open.push(new Open(name, Redactions.isSecretName(local) ? local : pairSecret));
    }

    /** The secret a {@code name} or {@code key} attribute names, whose value is the element's value; or null. */
    private String pairSecret() {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            if (PAIR_NAMES.contains(reader.getAttributeLocalName(i))
                    && Redactions.isSecretName(reader.getAttributeValue(i))) {
                return reader.getAttributeValue(i);
            }
        }
        return null;
    }

    private void endElement() throws IOException {
        flushText();
        Open element = open.pop();
        if (startTagOpen) {
            out.write("/>");
            startTagOpen = false;
        } else {
            out.write("</");
            out.write(element.qualifiedName());
            out.write('>');
        }
    }

    private void closeStartTag() throws IOException {
        if (startTagOpen) {
            out.write('>');
            startTagOpen = false;
        }
    }

    /** Adds the reader's text to the current text node; a long one is written window by window. */
    private void appendText() throws IOException {
        if (longText != null) {
            longText.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
            return;
        }
        text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
        if (secretOfText() != null) {
            text.setLength(Math.min(text.length(), SECRET_VALUE_KEPT)); // replaced whole: the rest is never written
        } else if (text.length() > WINDOW) {
            closeStartTag();
            longText = new LongText(redactions, this::escapeText, WINDOW);
            longText.append(text);
            text.setLength(0);
        }
    }

    /** Writes the current text node: whole as a marker when it is a secret's value, else redacted. */
    private void flushText() throws IOException {
        if (longText != null) {
            longText.finish();
            longText = null;
            return;
        }
        if (text.isEmpty()) {
            return;
        }
        closeStartTag();
        String value = text.toString();
        text.setLength(0);
        String secret = secretOfText();
        escapeText(secret != null && !value.isBlank() ? redactions.valueOf(secret, value.strip())
                : redactions.value(value));
    }

    /** The secret whose value the current element's text is, or null. */
    private String secretOfText() {
        Open element = open.peek();
        return element == null ? null : element.secretName();
    }

    private void comment() throws IOException {
        flushText();
        closeStartTag();
        out.write("<!--");
        out.write(redactions.text(reader.getText()));
        out.write("-->");
    }

    private void processingInstruction() throws IOException {
        flushText();
        closeStartTag();
        out.write("<?");
        out.write(reader.getPITarget());
        String data = reader.getPIData();
        if (data != null && !data.isEmpty()) {
            out.write(' ');
            out.write(redactions.text(data));
        }
        out.write("?>");
    }

    private static String qualified(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private void escapeText(CharSequence value) throws IOException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.write("&amp;");
                case '<' -> out.write("&lt;");
                case '>' -> out.write("&gt;");
                case '\r' -> out.write("&#13;"); // a literal one would be read back as a line feed
                default -> out.write(c);
            }
        }
    }

    /**
     * An attribute value, with the characters attribute normalisation would change (line breaks and tabs become
     * spaces when read back) written as character references.
     */
    private void escapeAttribute(String value) throws IOException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.write("&amp;");
                case '<' -> out.write("&lt;");
                case '"' -> out.write("&quot;");
                case '\n' -> out.write("&#10;");
                case '\r' -> out.write("&#13;");
                case '\t' -> out.write("&#9;");
                default -> out.write(c);
            }
        }
    }
}
