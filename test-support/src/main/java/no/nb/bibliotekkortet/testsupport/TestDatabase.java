package no.nb.bibliotekkortet.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Creates a service's test database on the local PostgreSQL (127.0.0.1:5432, trust auth) when missing. */
public final class TestDatabase {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private TestDatabase() {
    }

    /** Base JDBC URL of the server, from {@code TEST_DB_SERVER_URL} or the local default. */
    public static String serverUrl() {
        String url = System.getenv("TEST_DB_SERVER_URL");
        return url != null ? url : "jdbc:postgresql://127.0.0.1:5432/";
    }

    public static String user() {
        String user = System.getenv("DB_USER");
        return user != null ? user : "postgres";
    }

    /**
     * Ensures database {@code name} (plus the suffix in {@code TEST_DB_SUFFIX}, lower-case letters, digits and
     * underscores, so that two work trees on one machine test on separate databases) exists and returns its
     * JDBC URL.
     *
     * @throws IllegalArgumentException for a name other than lower-case letters, digits and underscores (not first)
     * @throws IllegalStateException    when PostgreSQL cannot be reached
     */
    public static String ensure(String name) {
        String suffix = System.getenv("TEST_DB_SUFFIX");
        if (suffix != null) {
            name = name + suffix;
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Bad database name " + name);
        }
        String password = System.getenv("DB_PASSWORD");
        try (Connection c = DriverManager.getConnection(serverUrl() + "postgres", user(), password == null ? "" : password)) {
            try (PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        try (Statement create = c.createStatement()) {
                            create.execute("create database " + name);
                        } catch (SQLException raced) {
                            if (!"42P04".equals(raced.getSQLState())) {
                                throw raced;
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " on " + serverUrl(), e);
        }
        return serverUrl() + name;
    }
}
