package no.nb.bibliotekkortet.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The roles each operation declares ({@code @RolesAllowed} with {@code Roles} constants, method over class), read from
 * the resources' sources, keyed {@code "METHOD /path"}: the fallback where a service's document lists no roles for an
 * operation, and the check that every public operation of the documents has a resource method behind it; system-tests'
 * {@code PublicContractSliceTest} checks that the contract's roles equal those of each service's runtime document.
 */
final class DeclaredRoles {

    private static final Pattern CONSTANT = Pattern.compile("public static final String (\\w+) = \"([^\"]*)\";");
    private static final Pattern CLASS_PATH = Pattern.compile("(?m)^@Path\\(\"([^\"]*)\"\\)");
    private static final Pattern METHOD = Pattern.compile(
            "((?:\\s*@[\\w.]+(?:\\((?:[^()]|\\([^()]*\\))*\\))?)+)\\s*public\\s+[^;{=]*?\\(", Pattern.DOTALL);
    private static final Pattern HTTP_METHOD = Pattern.compile("@(?:jakarta\\.ws\\.rs\\.)?(GET|POST|PUT|PATCH|DELETE)\\b");
    private static final Pattern SUB_PATH = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");
    private static final Pattern ROLES_ALLOWED = Pattern.compile("@RolesAllowed\\((\\{[^}]*}|[^)]*)\\)");
    private static final Pattern ROLE_REF = Pattern.compile("Roles\\.(\\w+)|\"([^\"]+)\"");

    private DeclaredRoles() {
    }

    static Map<String, Set<String>> read(Path root, List<String> services) throws IOException {
        Map<String, String> constants = new HashMap<>();
        Matcher c = CONSTANT.matcher(Files.readString(root.resolve(
                "common/src/main/java/no/nb/bibliotekkortet/common/security/Roles.java")));
        while (c.find()) {
            constants.put(c.group(1), c.group(2));
        }
        Map<String, Set<String>> result = new LinkedHashMap<>();
        List<String> modules = new java.util.ArrayList<>(services);
        modules.add("common");
        for (String module : modules) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    read(Files.readString(file), constants, result);
                }
            }
        }
        return result;
    }

    private static void read(String source, Map<String, String> constants, Map<String, Set<String>> result) {
        Matcher classPath = CLASS_PATH.matcher(source);
        int classAt = source.indexOf("\npublic class ");
        if (!classPath.find() || classAt < 0 || classPath.start() > classAt) {
            return;
        }
        String base = classPath.group(1);
        Set<String> classRoles = roles(source.substring(classPath.start(), classAt), constants);
        Matcher m = METHOD.matcher(source);
        m.region(classAt + 1, source.length());
        while (m.find()) {
            String annotations = m.group(1);
            Matcher http = HTTP_METHOD.matcher(annotations);
            if (!http.find()) {
                continue;
            }
            Matcher sub = SUB_PATH.matcher(annotations);
            String path = sub.find() ? join(base, sub.group(1)) : base;
            path = path.replaceAll("\\{(\\w+):[^}]*}", "{$1}");
            Set<String> own = roles(annotations, constants);
            result.put(http.group(1) + " " + path, own.isEmpty() ? classRoles : own);
        }
    }

    private static String join(String base, String sub) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String s = sub.startsWith("/") ? sub : "/" + sub;
        return (b + s).replaceAll("/$", "");
    }

    private static Set<String> roles(String annotations, Map<String, String> constants) {
        Set<String> roles = new LinkedHashSet<>();
        Matcher r = ROLES_ALLOWED.matcher(annotations);
        if (r.find()) {
            Matcher ref = ROLE_REF.matcher(r.group(1));
            while (ref.find()) {
                roles.add(ref.group(1) != null ? constants.getOrDefault(ref.group(1), ref.group(1)) : ref.group(2));
            }
        }
        return roles;
    }
}
