package dev.feedbackloop.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import software.amazon.awscdk.services.lambda.Architecture;

/** The CPU architecture the native {@code function.zip} was built for; it must match the build machine's. */
public enum FunctionArchitecture {
    /** AWS Graviton (ARM); cheaper per GB-second, the default. */
    ARM_64("arm64", Architecture.ARM_64),
    /** Intel/AMD 64-bit. */
    X86_64("x86_64", Architecture.X86_64);

    private final String contextValue;
    private final Architecture lambdaArchitecture;

    FunctionArchitecture(String contextValue, Architecture lambdaArchitecture) {
        this.contextValue = contextValue;
        this.lambdaArchitecture = lambdaArchitecture;
    }

    /** The Lambda architecture constant. */
    public Architecture lambdaArchitecture() {
        return lambdaArchitecture;
    }

    /**
     * Parses a context value ({@code arm64} or {@code x86_64}, case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static FunctionArchitecture fromContextValue(String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(architecture -> architecture.contextValue.equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("architecture '" + value + "' is not one of "
                        + Arrays.stream(values()).map(a -> a.contextValue).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return contextValue;
    }
}
