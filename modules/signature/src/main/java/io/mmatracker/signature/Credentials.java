package io.mmatracker.signature;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An Alibaba Cloud AccessKey pair, optionally with an STS security token. {@link #toString()} never shows the
 * secret or the token, so a config record that holds credentials can be logged.
 *
 * @param accessKeyId     the AccessKey id (not secret; shown in logs and sent in the Authorization header)
 * @param accessKeySecret the AccessKey secret (signing key; never logged, never sent)
 * @param securityToken   the STS token, or {@code null} for a long-lived AccessKey
 */
public record Credentials(String accessKeyId, String accessKeySecret, String securityToken) {

    public static final String ENV_ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    public static final String ENV_ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    public static final String ENV_SECURITY_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";

    public Credentials {
        if (isBlank(accessKeyId)) {
            throw new IllegalArgumentException("accessKeyId must not be blank");
        }
        if (isBlank(accessKeySecret)) {
            throw new IllegalArgumentException("accessKeySecret must not be blank");
        }
        accessKeyId = accessKeyId.trim();
        securityToken = isBlank(securityToken) ? null : securityToken.trim();
    }

    /** A long-lived AccessKey pair without an STS token. */
    public static Credentials of(String accessKeyId, String accessKeySecret) {
        return new Credentials(accessKeyId, accessKeySecret, null);
    }

    /**
     * Reads {@value #ENV_ACCESS_KEY_ID}, {@value #ENV_ACCESS_KEY_SECRET} and the optional
     * {@value #ENV_SECURITY_TOKEN} (the names Alibaba's own SDKs use). Empty when neither id nor secret is set,
     * which means anonymous calls (fine for a simulator without keys).
     *
     * @param environment usually {@code System.getenv()}; a map in tests
     * @throws IllegalArgumentException naming the missing variable when only one half of the pair is set
     */
    public static Optional<Credentials> fromEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        String id = environment.get(ENV_ACCESS_KEY_ID);
        String secret = environment.get(ENV_ACCESS_KEY_SECRET);
        if (isBlank(id) && isBlank(secret)) {
            return Optional.empty();
        }
        if (isBlank(id)) {
            throw new IllegalArgumentException(ENV_ACCESS_KEY_SECRET + " is set but " + ENV_ACCESS_KEY_ID + " is not");
        }
        if (isBlank(secret)) {
            throw new IllegalArgumentException(ENV_ACCESS_KEY_ID + " is set but " + ENV_ACCESS_KEY_SECRET + " is not");
        }
        return Optional.of(new Credentials(id, secret, environment.get(ENV_SECURITY_TOKEN)));
    }

    /** The STS token, if these are temporary credentials. */
    public Optional<String> securityTokenIfAny() {
        return Optional.ofNullable(securityToken);
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId + ", accessKeySecret=<redacted>, securityToken="
                + (securityToken == null ? "<none>" : "<redacted>") + "]";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
