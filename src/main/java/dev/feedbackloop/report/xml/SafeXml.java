package dev.feedbackloop.report.xml;

import dev.feedbackloop.report.ReportParseException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX readers that are safe on hostile input: no DTD processing, no external entities, no entity expansion, so
 * XXE and entity-expansion ("billion laughs") files are rejected before anything is read from disk or network.
 * A DOCTYPE is refused outright: no test-report format needs one.
 */
public final class SafeXml {

    /**
     * Longest text, in characters, that a {@link #openStreaming streaming} reader hands out in one CHARACTERS or CDATA
     * event: the JDK parser's buffer size for character data, and the CDATA chunk size set below. Verified by
     * {@code SafeXmlTest}.
     */
    public static final int MAX_TEXT_CHUNK = 16 * 1024;
    /**
     * Deepest element nesting accepted. Real reports nest a few dozen levels (NUnit namespaces, PHPUnit data sets);
     * without a limit a file of nothing but opening tags grows the parser's element stack until memory runs out.
     */
    public static final int MAX_ELEMENT_DEPTH = 2000;
    // JDK properties (since 9): CDATA sections arrive in chunks of this many characters instead of one string; the
    // element depth limit.
    private static final String ELEMENT_DEPTH_LIMIT = "jdk.xml.maxElementDepth";
    private static final String CDATA_CHUNK_SIZE = "jdk.xml.cdataChunkSize";

    private static final Pattern JAXP_CODE = Pattern.compile("^JAXP\\d+: ");
    private static final Pattern REPEATED_ATTRIBUTE = Pattern.compile(".*#AttributeNotUnique\\?([^&]+)&(.+)");

    private static final XMLInputFactory FACTORY = createFactory(true);
    private static final XMLInputFactory STREAMING_FACTORY = createFactory(false);

    private SafeXml() {
    }

    private static XMLInputFactory createFactory(boolean coalescing) {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, coalescing);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(ELEMENT_DEPTH_LIMIT, MAX_ELEMENT_DEPTH);
        if (!coalescing) {
            factory.setProperty(CDATA_CHUNK_SIZE, MAX_TEXT_CHUNK / 2);
        }
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entity '" + systemId + "' refused");
        });
        return factory;
    }

    /**
     * A reader over {@code in} that fails on the DOCTYPE of any document that declares one. The stream stays open
     * (the JDK reader would close it at the end of the document): it belongs to the caller.
     *
     * @throws ReportParseException when the stream cannot be opened as XML
     */
    public static XMLStreamReader open(InputStream in) {
        return open(FACTORY, in);
    }

    /**
     * Like {@link #open}, but text arrives in chunks of at most {@link #MAX_TEXT_CHUNK} characters (several
     * CHARACTERS/CDATA events per element), so that a parser which caps text keeps memory bounded even when one
     * element holds hundreds of megabytes. {@link XMLStreamReader#getElementText()} still joins the chunks.
     *
     * @throws ReportParseException when the stream cannot be opened as XML
     */
    public static XMLStreamReader openStreaming(InputStream in) {
        return open(STREAMING_FACTORY, in);
    }

    /**
     * The parser reads characters we decoded ({@link XmlCharset}), never bytes: it cannot meet a malformed byte
     * sequence, so a stray byte becomes U+FFFD instead of a fatal error, and the JDK parser's encoding errors, which it
     * also prints to stderr as {@code [Fatal Error] :-1:-1: Invalid byte 1 of 1-byte UTF-8 sequence.} (its StAX error
     * reporter leaves them to Xerces' default error handler, which no StAX property replaces), cannot happen.
     */
    private static XMLStreamReader open(XMLInputFactory factory, InputStream in) {
        try {
            return new DoctypeRefusingReader(factory.createXMLStreamReader(XmlCharset.reader(new CloseShield(in))));
        } catch (XMLStreamException e) {
            throw translate(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Like {@link #openStreaming(InputStream)}, over characters already decoded (the caller chose the encoding, so
     * the one an XML declaration names is not applied again).
     *
     * @throws ReportParseException when the text cannot be opened as XML
     */
    public static XMLStreamReader openStreaming(java.io.Reader in) {
        try {
            return new DoctypeRefusingReader(STREAMING_FACTORY.createXMLStreamReader(new ReaderCloseShield(in)));
        } catch (XMLStreamException e) {
            throw translate(e);
        }
    }

    /** Closes a reader from {@link #open} or {@link #openStreaming}; that releases no stream, so a failure is moot. */
    public static void closeQuietly(XMLStreamReader reader) {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // the stream belongs to the caller (see open): closing the reader cannot lose data
        }
    }

    /** Turns a StAX error into a {@link ReportParseException} that names the line and column. */
    public static ReportParseException translate(XMLStreamException e) {
        return new ReportParseException(where(e.getLocation()), "malformed XML: " + cleanMessage(e), e);
    }

    /** A problem at the reader's current position. */
    public static ReportParseException problemAt(XMLStreamReader reader, String problem) {
        return new ReportParseException(where(reader.getLocation()), problem, null);
    }

    /**
     * A position in a report as every error names it, {@code line 12, column 5}; null when unknown.
     *
     * @param location may be null
     */
    public static String where(Location location) {
        return location == null || location.getLineNumber() < 0 ? null
                : "line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    private static String cleanMessage(XMLStreamException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // The JDK prefixes "ParseError at [row,col]:[r,c]\nMessage: "; the location is reported separately.
        int at = message.indexOf("Message: ");
        String cleaned = (at >= 0 ? message.substring(at + "Message: ".length()) : message).strip();
        cleaned = JAXP_CODE.matcher(cleaned).replaceFirst(""); // "JAXP00010006: The element ... exceeds the limit"
        // The JDK reports a repeated attribute as a bare key: "...xml-names-19990114#AttributeNotUnique?testcase&name"
        Matcher repeated = REPEATED_ATTRIBUTE.matcher(cleaned);
        return repeated.matches()
                ? "attribute '" + repeated.group(2) + "' appears twice in <" + repeated.group(1) + ">"
                : cleaned;
    }

    /**
     * Refuses a DOCTYPE as soon as the reader reports it. {@link #nextTag} and {@link #getElementText} are
     * re-implemented on {@link #next} because the delegate's versions would step over events unchecked.
     */
    private static final class DoctypeRefusingReader extends javax.xml.stream.util.StreamReaderDelegate {
        DoctypeRefusingReader(XMLStreamReader reader) throws XMLStreamException {
            super(reader);
            check(reader.getEventType());
        }

        @Override
        public int next() throws XMLStreamException {
            return check(super.next());
        }

        @Override
        public int nextTag() throws XMLStreamException {
            int event = next();
            while (event == SPACE || event == COMMENT || event == PROCESSING_INSTRUCTION
                    || ((event == CHARACTERS || event == CDATA) && isWhiteSpace())) {
                event = next();
            }
            if (event != START_ELEMENT && event != END_ELEMENT) {
                throw new XMLStreamException("expected a start or end tag, found event " + event, getLocation());
            }
            return event;
        }

        @Override
        public String getElementText() throws XMLStreamException {
            if (getEventType() != START_ELEMENT) {
                throw new XMLStreamException("getElementText() needs a start tag", getLocation());
            }
            StringBuilder text = new StringBuilder();
            int event = next();
            while (event != END_ELEMENT) {
                if (event == CHARACTERS || event == CDATA || event == SPACE) {
                    text.append(getText());
                } else if (event == START_ELEMENT) {
                    throw new XMLStreamException("text-only element holds a child element", getLocation());
                } else if (event == END_DOCUMENT) {
                    throw new XMLStreamException("unexpected end of document in element text", getLocation());
                }
                event = next();
            }
            return text.toString();
        }

        private int check(int event) {
            if (event == DTD) {
                throw problemAt(this, "DOCTYPE declarations are not allowed in test reports"
                        + " (refused to protect against XXE and entity expansion)");
            }
            if (event == ENTITY_REFERENCE) {
                throw problemAt(this, "undefined entity '&" + getLocalName() + ";' (entities are not expanded)");
            }
            return event;
        }
    }

    /** Keeps the JDK reader from closing a character stream that belongs to the caller. */
    private static final class ReaderCloseShield extends java.io.FilterReader {
        ReaderCloseShield(java.io.Reader in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller closes the stream
        }
    }

    /** Keeps the JDK reader from closing a stream that belongs to the caller. */
    private static final class CloseShield extends java.io.FilterInputStream {
        CloseShield(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller closes the stream
        }
    }
}
