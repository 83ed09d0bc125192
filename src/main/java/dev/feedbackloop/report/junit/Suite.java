package dev.feedbackloop.report.junit;

/**
 * An open {@code <testsuite>}: what its test cases inherit.
 *
 * @param name  the suite's own name, empty when it has none
 * @param file  the nearest {@code file} attribute among this suite and its parents, or null
 * @param path  the names of this suite and its parents, joined; repeated test cases merge only within one path
 */
record Suite(String name, String file, String path) {

    /** The context of test cases written outside any suite, directly under {@code <testsuites>}. */
    static final Suite NONE = new Suite("", null, "");

    /** A suite nested in this one. */
    Suite child(String childName, String childFile) {
        String ownName = childName == null ? "" : childName.strip();
        return new Suite(ownName, childFile != null ? childFile : file, path + '\u0000' + ownName);
    }
}
