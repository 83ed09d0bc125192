package dev.feedbackloop.report.junit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * Remembers which elements are open, so that an error can say where it happened: "unexpected end of file inside
 * {@code <system-out>} of {@code <testcase name="testEM">}". Test cases and suites are labelled with their name.
 */
final class ElementTrail extends StreamReaderDelegate {

    private static final int MAX_LABEL_NAME = 120;
    private final Deque<String> open = new ArrayDeque<>();

    ElementTrail(XMLStreamReader reader) {
        super(reader);
    }

    @Override
    public int next() throws XMLStreamException {
        int event = super.next();
        if (event == START_ELEMENT) {
            open.push(label());
        } else if (event == END_ELEMENT) {
            open.poll();
        }
        return event;
    }

    /** Whether the reader is inside any element. */
    boolean isInsideAnElement() {
        return !open.isEmpty();
    }

    /** The innermost open element and the nearest named one around it, e.g. {@code <failure> of <testcase name="x">}. */
    String innermost() {
        Iterator<String> labels = open.iterator();
        if (!labels.hasNext()) {
            return "the document";
        }
        String inner = labels.next();
        if (inner.contains(" name=")) {
            return inner;
        }
        while (labels.hasNext()) {
            String outer = labels.next();
            if (outer.contains(" name=")) {
                return inner + " of " + outer;
            }
        }
        return inner;
    }

    private String label() {
        String element = getLocalName();
        String name = getAttributeValue(null, "name");
        if (name == null || !(element.equals("testcase") || element.equals("testsuite"))) {
            return "<" + element + ">";
        }
        String shortName = name.length() > MAX_LABEL_NAME ? name.substring(0, MAX_LABEL_NAME) + "…" : name;
        return "<" + element + " name=\"" + shortName + "\">";
    }
}
