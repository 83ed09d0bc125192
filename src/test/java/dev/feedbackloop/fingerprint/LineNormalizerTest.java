package dev.feedbackloop.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written scans inside {@code LineNormalizer}; whole-line behaviour is in {@code FailureNormalizerTest}. */
class LineNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/tmp/jest/x.js, true",
        "tmp/x.js, true",
        "/home/ci/TMP/x.js, true",
        "C:\\Users\\me\\AppData\\Local\\Temp\\x.js, true",
        "/var/folders/ab/x.js, true",
        "/private\\var/x.js, true",
        "/tmpl/x.js, false",
        "/a/attmp/x.js, false",
        "/var/x.js, false",
        "/private/var, false",
        "/x/tmp, false",
        "/home/ci/work/app/x.js, false"})
    void findsTemporaryDirectoriesInPaths(String path, boolean temporary) {
        assertThat(LineNormalizer.isTemporary(path)).isEqualTo(temporary);
    }

    @ParameterizedTest(name = "{0} at {1}: {2} -> {3}")
    @CsvSource({
        "HTTP Status 404, 5, status, true",
        "x Not Found, 2, not found, true",
        "x not foun, 2, not found, false",
        "Status, -1, status, false",
        "\u212Aelvin, 0, kelvin, true",
        "CL\u0130ENT ERROR, 0, client error, false"})
    void comparesLowerCasedInPlaceAsToLowerCaseWould(String text, int at, String word, boolean matches) {
        assertThat(LineNormalizer.startsWithLowerCase(text, at, word)).isEqualTo(matches);
    }
}
