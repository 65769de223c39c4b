package io.mmatracker.query.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmatracker.signature.Acs3Signer;

/**
 * The auth file, read and checked:
 * <pre>{@code
 * {"accessKeys": [{"id": "...", "secret": "..." | "secretFile": "path", "policy": {RAM policy}}],
 *  "tokens":     [{"name": "...", "token": "..." | "tokenFile": "path", "policy": {RAM policy}}],
 *  "instanceSecret": "..." | "instanceSecretFile": "path"}
 * }</pre>
 * Relative {@code ...File} paths are relative to the auth file; a file's content is stripped of surrounding
 * whitespace. A token's {@code name} (default: {@code token-} and 12 hex digits of its SHA-256) names it in logs and
 * between instances. Every error names the entry ({@code accessKeys[1] (id ak-2)}) and never shows a secret.
 *
 * @param accessKeys     by AccessKey id
 * @param tokens         in file order
 * @param instanceSecret shared by the instances to authenticate forwarded requests; empty when not set
 * @param files          every file read (the auth file first), for reload on change
 */
public record AuthFile(Map<String, AccessKey> accessKeys, List<Token> tokens, Optional<byte[]> instanceSecret, List<Path> files) {

    /** An AccessKey pair and its policy. */
    public record AccessKey(String id, String secret, Policy policy) {
        @Override
        public String toString() {
            return "AccessKey[" + id + "]";
        }
    }

    /** A bearer token and its policy. */
    public record Token(String name, byte[] digest, Policy policy) {
        @Override
        public String toString() {
            return "Token[" + name + "]";
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> TOP_KEYS = Set.of("accessKeys", "tokens", "instanceSecret", "instanceSecretFile");
    private static final int MIN_SECRET_LENGTH = 16;

    /** The caller that a name (AccessKey id or token name) stands for, as a forwarded request names it. */
    public Optional<Caller> caller(String name) {
        AccessKey key = accessKeys.get(name);
        if (key != null) {
            return Optional.of(new Caller(key.id(), key.policy()));
        }
        return tokens.stream().filter(t -> t.name().equals(name)).findFirst().map(t -> new Caller(t.name(), t.policy()));
    }

    /**
     * Reads and checks the file.
     *
     * @throws IllegalArgumentException naming the file and the bad entry
     */
    public static AuthFile load(Path file) {
        List<Path> files = new ArrayList<>();
        files.add(file);
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("auth file " + file + " is not valid JSON (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("auth file " + file + " cannot be read: " + e.getMessage());
        }
        try {
            return parse(root, file, files);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("auth file " + file + ": " + e.getMessage());
        }
    }

    private static AuthFile parse(JsonNode root, Path file, List<Path> files) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("must be a JSON object with accessKeys and/or tokens");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown key " + name + " (accepted: accessKeys, tokens, instanceSecret, instanceSecretFile)");
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        Map<String, AccessKey> keys = new LinkedHashMap<>();
        JsonNode keyList = list(root, "accessKeys");
        for (int i = 0; i < keyList.size(); i++) {
            JsonNode entry = keyList.get(i);
            String id = entry.path("id").asText("");
            String where = "accessKeys[" + i + "]" + (id.isEmpty() ? "" : " (id " + id + ")");
            only(entry, where, Set.of("id", "secret", "secretFile", "policy"));
            if (id.isEmpty() || !id.chars().allMatch(c -> c > 32 && c < 127 && c != ',' && c != '=')) {
                throw new IllegalArgumentException(where + ": id must be a non-empty printable string without spaces, ',' or '='");
            }
            String secret = valueOrFile(entry, "secret", "secretFile", where, dir, files);
            if (keys.put(id, new AccessKey(id, secret, policy(entry, where))) != null) {
                throw new IllegalArgumentException(where + ": the id is given twice");
            }
        }
        List<Token> tokens = new ArrayList<>();
        JsonNode tokenList = list(root, "tokens");
        for (int i = 0; i < tokenList.size(); i++) {
            JsonNode entry = tokenList.get(i);
            String name = entry.path("name").asText("");
            String where = "tokens[" + i + "]" + (name.isEmpty() ? "" : " (name " + name + ")");
            only(entry, where, Set.of("name", "token", "tokenFile", "policy"));
            String token = valueOrFile(entry, "token", "tokenFile", where, dir, files);
            if (!token.chars().allMatch(c -> c > 32 && c < 127)) {
                throw new IllegalArgumentException(where + ": a token must be printable ASCII without spaces");
            }
            byte[] digest = digest(token);
            String effectiveName = name.isEmpty() ? "token-" + HexFormat.of().formatHex(digest).substring(0, 12) : name;
            for (Token other : tokens) {
                if (other.name().equals(effectiveName) || MessageDigest.isEqual(other.digest(), digest)) {
                    throw new IllegalArgumentException(where + ": the same name or token as " + other.name());
                }
            }
            if (keys.containsKey(effectiveName)) {
                throw new IllegalArgumentException(where + ": the name is also an AccessKey id");
            }
            tokens.add(new Token(effectiveName, digest, policy(entry, where)));
        }
        Optional<byte[]> instanceSecret = Optional.empty();
        if (root.has("instanceSecret") || root.has("instanceSecretFile")) {
            instanceSecret = Optional.of(valueOrFile(root, "instanceSecret", "instanceSecretFile", "instanceSecret", dir, files)
                    .getBytes(StandardCharsets.UTF_8));
        }
        return new AuthFile(Map.copyOf(keys), List.copyOf(tokens), instanceSecret, List.copyOf(files));
    }

    /** SHA-256 of a token: tokens are held and compared as digests, never as text. */
    static byte[] digest(String token) {
        return HexFormat.of().parseHex(Acs3Signer.sha256Hex(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode list(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null) {
            return MAPPER.createArrayNode();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(name + " must be a list");
        }
        return node;
    }

    private static void only(JsonNode entry, String where, Set<String> accepted) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!accepted.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown key " + name + " (accepted: " + String.join(", ", new java.util.TreeSet<>(accepted)) + ")");
            }
        }
    }

    private static String valueOrFile(JsonNode entry, String valueKey, String fileKey, String where, Path dir, List<Path> files) {
        boolean hasValue = entry.hasNonNull(valueKey);
        boolean hasFile = entry.hasNonNull(fileKey);
        if (hasValue == hasFile) {
            throw new IllegalArgumentException(where + ": give exactly one of " + valueKey + " and " + fileKey);
        }
        String value;
        if (hasValue) {
            if (!entry.get(valueKey).isTextual()) {
                throw new IllegalArgumentException(where + ": " + valueKey + " must be a string");
            }
            value = entry.get(valueKey).asText();
        } else {
            Path path = dir.resolve(entry.get(fileKey).asText());
            files.add(path);
            try {
                value = Files.readString(path, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException(where + ": " + fileKey + " " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (value.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(where + ": the " + valueKey + " is shorter than " + MIN_SECRET_LENGTH + " characters");
        }
        return value;
    }

    private static Policy policy(JsonNode entry, String where) {
        try {
            return Policy.parse(entry.get("policy"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": policy: " + e.getMessage());
        }
    }
}
