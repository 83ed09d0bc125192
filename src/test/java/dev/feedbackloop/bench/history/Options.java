package dev.feedbackloop.bench.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Command-line options of the form {@code --name value} and {@code --flag}; repeated options keep every value. */
final class Options {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    /**
     * @param flags options that take no value
     * @throws IllegalArgumentException naming the option, for an unknown one or a missing value
     */
    Options(String[] args, Set<String> known, Set<String> flags) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !(known.contains(arg.substring(2)) || flags.contains(arg.substring(2)))) {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            String name = arg.substring(2);
            if (flags.contains(name)) {
                values.computeIfAbsent(name, n -> new ArrayList<>()).add("true");
            } else if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            } else {
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(args[++i]);
            }
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Optional<String> get(String name) {
        List<String> all = values.get(name);
        return all == null ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /**
     * @throws IllegalArgumentException naming the option when its value is not a whole number
     */
    Optional<Long> number(String name) {
        return get(name).map(value -> {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + value + "'");
            }
        });
    }
}
