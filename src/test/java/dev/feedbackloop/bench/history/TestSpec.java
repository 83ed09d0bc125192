package dev.feedbackloop.bench.history;

/**
 * A test of the simulated project as its reports name it.
 *
 * @param index      position in the catalogue, a key for draws
 * @param suite      the JUnit class, written as {@code classname}
 * @param name       the test method (or a parameterised invocation's display name)
 * @param layer      what kind of test it is, which decides its speed and how it fails
 * @param noun       the domain object it exercises ({@code Cart}), for failure texts
 * @param line       the line of its failing assertion, for stack traces
 * @param baseMillis its usual duration in milliseconds
 */
record TestSpec(int index, String suite, String name, Layer layer, String noun, int line, long baseMillis) {

    /** The kind of a test. */
    enum Layer {
        /** A browser test through Selenium: slow, fails on waits, selectors and the grid. */
        UI("UiTest"),
        /** An HTTP API test through RestAssured: fails on status codes, payloads and the network. */
        API("ApiTest"),
        /** A service test with an in-process database: fast, fails on values and state. */
        SERVICE("ServiceTest");

        final String classSuffix;

        Layer(String classSuffix) {
            this.classSuffix = classSuffix;
        }
    }

    /** The simple class name, for stack frames. */
    String simpleClass() {
        return suite.substring(suite.lastIndexOf('.') + 1);
    }

    /** The method name without a parameterised invocation's suffix, for stack frames. */
    String method() {
        int paren = name.indexOf('(');
        return paren < 0 ? name : name.substring(0, paren);
    }
}
