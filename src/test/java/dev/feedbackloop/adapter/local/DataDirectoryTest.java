package dev.feedbackloop.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.testing.OtherProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A data directory is held by one process at a time, and a damaged store is named with what to do. */
class DataDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aSecondProcessIsToldWhichProcessHoldsTheDirectory() throws IOException {
        try (OtherProcess other = OtherProcess.holding(dir)) {
            assertThatThrownBy(() -> DataDirectory.hold(dir))
                    .isInstanceOf(DataDirectory.DataDirectoryException.class)
                    .hasMessage("--data " + dir + " is in use by another feedback process (pid " + other.pid()
                            + "); wait for it to finish, or give this one another --data directory");
        }

        try (DataDirectory held = DataDirectory.hold(dir)) {
            assertThat(held.path()).as("free again once the other process ended").isEqualTo(dir);
        }
    }

    @Test
    void theEnginesRefuseADirectoryHeldByAnotherProcessBeforeStartingAnything() throws IOException {
        try (OtherProcess other = OtherProcess.holding(dir)) {
            assertThatThrownBy(() -> LocalEngines.start(Optional.of(dir)))
                    .hasMessageContaining("is in use by another feedback process (pid " + other.pid() + ")");
        }
        assertThat(dir.resolve(DataDirectory.DYNAMODB_DIRECTORY)).as("no engine touched it").doesNotExist();
    }

    @Test
    void theSameDirectoryCannotBeOpenedTwiceInOneProcessAndIsFreeAfterClose() {
        try (DataDirectory held = DataDirectory.hold(dir)) {
            assertThatThrownBy(() -> DataDirectory.hold(dir)).hasMessageContaining("already open in this process");
        }
        DataDirectory.hold(dir).close();
    }

    @Test
    void aFileInPlaceOfTheDirectoryIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");

        assertThatThrownBy(() -> DataDirectory.hold(file)).hasMessage("--data " + file + " is not a directory");
    }

    @Test
    void aRandomFileInPlaceOfTheTableFileIsNamedBeforeAnyEngineStarts() throws IOException {
        Path tables = Files.createDirectories(dir.resolve(DataDirectory.DYNAMODB_DIRECTORY));
        byte[] noise = new byte[100_000];
        new Random(3).nextBytes(noise);
        Path tableFile = Files.write(tables.resolve(DataDirectory.TABLE_FILE), noise);

        for (int attempt = 1; attempt <= 2; attempt++) { // the same answer again: the refusal let go of the lock
            assertThatThrownBy(() -> LocalEngines.start(Optional.of(dir)))
                    .isInstanceOf(DataDirectory.DataDirectoryException.class)
                    .hasMessage("--data " + dir + " holds a damaged store: its table file " + tableFile
                            + " is not a SQLite database. Move " + dir + " aside (or delete it) and ingest the"
                            + " reports again");
        }
    }

    @Test
    void aTruncatedTableFileIsNamedWhenARequestReadsTheDamage() throws IOException {
        try (LocalEngines engines = LocalEngines.start(Optional.of(dir));
             DynamoDbClient client = engines.dynamoDb(List.of())) {
            String text = "x".repeat(30_000); // a file of about 1 MB in a few requests
            for (int i = 0; i < 30; i++) {
                String key = "item-" + i;
                client.putItem(b -> b.tableName(LocalEngines.TABLE).item(Map.of("PK", AttributeValue.fromS(key),
                        "SK", AttributeValue.fromS("S"), "text", AttributeValue.fromS(text))));
            }
        }
        Path tableFile = dir.resolve(DataDirectory.DYNAMODB_DIRECTORY).resolve(DataDirectory.TABLE_FILE);
        try (var channel = java.nio.channels.FileChannel.open(tableFile, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }

        assertThatThrownBy(() -> {
            try (LocalEngines engines = LocalEngines.start(Optional.of(dir));
                 DynamoDbClient client = engines.dynamoDb(List.of())) {
                client.scanPaginator(b -> b.tableName(LocalEngines.TABLE)).items().forEach(item -> { });
            }
        }).cause().isInstanceOf(DataDirectory.DataDirectoryException.class)
                .hasMessageContaining("holds a damaged store: its table file " + tableFile + " cannot be read")
                .hasMessageContaining("Move " + dir + " aside (or delete it) and ingest the reports again");
    }

    @Test
    void nothingOfTheEnginesReachesStandardOutput() {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            LocalLoop.start(Optional.of(dir), java.time.Clock.systemUTC()).close();
            LocalStore.open(dir, java.time.Clock.systemUTC()).close();
        } finally {
            System.setOut(out);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
