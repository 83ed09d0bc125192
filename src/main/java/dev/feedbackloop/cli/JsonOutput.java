package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.feedbackloop.text.TerminalText;
import java.util.Locale;

/**
 * JSON as the commands print it: valid JSON whatever the reports held, and safe to look at in a terminal. Jackson
 * escapes the C0 controls already; here DEL, the C1 controls, the bidi controls and other invisible format characters
 * and the line separators are escaped too ({@code \u202E}), the characters {@link TerminalText} escapes in human
 * output. A JSON reader gets exactly the same strings back, so this costs consumers nothing, while {@code cat} or a
 * CI log viewer no longer runs or reorders what a report smuggled in. Characters above the BMP pass as they are.
 */
final class JsonOutput {

    /** Generators that leave the command's writer open and escape as above. */
    static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .characterEscapes(new UnsafeCharacters())
            .build();

    private JsonOutput() {
    }

    private static final class UnsafeCharacters extends CharacterEscapes {

        private final int[] ascii;

        UnsafeCharacters() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch < 0x80 || Character.isSurrogate((char) ch) || !TerminalText.isUnsafe(ch)) {
                return null;
            }
            return new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch));
        }
    }
}
