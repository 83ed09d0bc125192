package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.adapter.http.ReadApiClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --url} with the project's credentials, for the read commands: read from the deployed read API (the stack's
 * {@code ReadUrl}) or {@code feedback serve} instead of the embedded store. The API's items are printed with the
 * commands' own JSON writer, so a command prints the same with {@code --url} as with {@code --data}.
 */
final class ReadUrlOptions {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", paramLabel = "URL", description = "Read from the read API at URL (the stack's ReadUrl,"
            + " or `feedback serve`) instead of the embedded store; needs --secret-env or --token-env.")
    URI url;

    @Option(names = "--secret-env", paramLabel = "VAR", description = "With --url: the environment variable holding"
            + " the project's signing secret (each read is signed with it, as uploads are).")
    String secretEnv;

    @Option(names = "--token-env", paramLabel = "VAR", description = "With --url: the environment variable holding"
            + " the project's read token (flr_...).")
    String tokenEnv;

    /** The client of {@code --url}, or empty to read the embedded store; refuses credentials without a URL. */
    Optional<ReadApiClient> client(CommandLine commandLine, String project, Map<String, String> environment) {
        if (url == null) {
            if (secretEnv != null || tokenEnv != null) {
                throw new CommandLine.ParameterException(commandLine, "--secret-env and --token-env go with --url");
            }
            return Optional.empty();
        }
        if ((secretEnv == null) == (tokenEnv == null)) {
            throw new CommandLine.ParameterException(commandLine, "--url needs exactly one of --secret-env VAR (the"
                    + " project's signing secret) or --token-env VAR (its read token)");
        }
        String variable = secretEnv != null ? secretEnv : tokenEnv;
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new CommandLine.ParameterException(commandLine, "environment variable " + variable + " ("
                    + (secretEnv != null ? "--secret-env" : "--token-env") + ") is not set");
        }
        ReadApiClient.Credentials credentials = secretEnv != null
                ? new ReadApiClient.Credentials.Secret(value.getBytes(StandardCharsets.UTF_8))
                : new ReadApiClient.Credentials.Token(value.strip());
        try {
            return Optional.of(new ReadApiClient(url, project, credentials, Clock.systemUTC()));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--url: " + e.getMessage());
        }
    }

    /**
     * Prints each item of a listing, one JSON line each, following {@code next} until the end (or only the first page
     * when {@code allPages} is false); answers whether the listing has more pages than those printed.
     */
    static boolean items(ReadApiClient client, String route, String query, boolean allPages, PrintWriter out) {
        String next = null;
        do {
            String paged = next == null ? query : (query.isEmpty() ? "" : query + "&") + "cursor=" + next;
            next = copyItems(client.require(route, paged), out);
        } while (allPages && next != null);
        out.flush();
        return next != null;
    }

    /** The items of a listing as records, following {@code next} until the end. */
    static List<JsonNode> records(ReadApiClient client, String route, String query) {
        return JsonRecords.printed(out -> items(client, route, query, true, out));
    }

    /** Prints one JSON document of the API as one line. */
    static void document(String body, PrintWriter out) {
        try (JsonParser parser = JSON.getFactory().createParser(body);
             JsonGenerator g = JsonOutput.FACTORY.createGenerator(out)) {
            parser.nextToken();
            g.copyCurrentStructure(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("the read API answered JSON that cannot be read: " + e.getMessage(), e);
        }
        out.println();
        out.flush();
    }

    /** Copies the page's items as lines; returns its {@code next} cursor, encoded for a query, or null. */
    private static String copyItems(String body, PrintWriter out) {
        String next = null;
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("items")) {
                    expect(value, JsonToken.START_ARRAY);
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        try (JsonGenerator g = JsonOutput.FACTORY.createGenerator(out)) {
                            g.copyCurrentStructure(parser);
                        }
                        out.println();
                    }
                } else if (field.equals("next") && value == JsonToken.VALUE_STRING) {
                    next = java.net.URLEncoder.encode(parser.getText(), StandardCharsets.UTF_8);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the read API answered a page that cannot be read: " + e.getMessage(), e);
        }
        return next;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }
}
