package dev.feedbackloop.adapter.github;

import java.util.regex.Pattern;

/**
 * A repository as {@code owner/name}.
 *
 * @param owner the user or organisation (GitHub's rule: letters, digits, hyphens, at most 39)
 * @param name  the repository (letters, digits, '.', '_', '-', at most 100)
 */
public record GitHubRepository(String owner, String name) {

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public GitHubRepository {
        if (owner == null || !OWNER.matcher(owner).matches()) {
            throw new IllegalArgumentException("GitHub owner must be 1-39 letters, digits or hyphens, was '" + owner
                    + "'");
        }
        if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("GitHub repository name must be 1-100 letters, digits, '.', '_' or '-',"
                    + " was '" + name + "'");
        }
    }

    /** Parses {@code owner/name}. */
    public static GitHubRepository parse(String repository) {
        String[] parts = repository == null ? new String[0] : repository.strip().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a GitHub repository is owner/name, was '" + repository + "'");
        }
        return new GitHubRepository(parts[0], parts[1]);
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }
}
