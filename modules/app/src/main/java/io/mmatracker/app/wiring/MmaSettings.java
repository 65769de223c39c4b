package io.mmatracker.app.wiring;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import io.mmatracker.app.config.Settings;
import io.mmatracker.app.config.SettingsException;
import io.mmatracker.client.MmaClientConfig;
import io.mmatracker.signature.Credentials;

/**
 * How the poller reaches MMA: {@code mma.endpoint} (any URL) or {@code mma.region} (the regional endpoint), and the
 * AccessKey from {@code mma.access-key-*} or else Alibaba's own variables ({@code ALIBABA_CLOUD_ACCESS_KEY_ID},
 * {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}, {@code ALIBABA_CLOUD_SECURITY_TOKEN}). No message ever shows a secret.
 */
public final class MmaSettings {

    private MmaSettings() {
    }

    /** The client configuration; a missing endpoint or half an AccessKey stops here, naming the keys. */
    public static MmaClientConfig from(Settings settings, Map<String, String> env) {
        Optional<String> endpoint = settings.optional("mma.endpoint");
        Optional<String> region = settings.optional("mma.region");
        if (endpoint.isPresent() && region.isPresent()) {
            throw new SettingsException("both mma.endpoint and mma.region are set (" + settings.origin("mma.endpoint")
                    + ", " + settings.origin("mma.region") + "): give one");
        }
        MmaClientConfig config;
        if (endpoint.isPresent()) {
            URI uri;
            try {
                uri = URI.create(endpoint.get().trim());
            } catch (IllegalArgumentException e) {
                throw new SettingsException("bad setting mma.endpoint (from " + settings.origin("mma.endpoint")
                        + "): expected an http:// or https:// URL such as https://maxcompute.cn-shanghai.aliyuncs.com");
            }
            config = Settings.build("mma.endpoint", () -> MmaClientConfig.forEndpoint(uri));
        } else if (region.isPresent()) {
            config = Settings.build("mma.region", () -> MmaClientConfig.forRegion(region.get()));
        } else {
            throw new SettingsException("missing setting mma.endpoint (" + Settings.envName("mma.endpoint")
                    + ") or mma.region (" + Settings.envName("mma.region") + "): the MMA endpoint URL, e.g. "
                    + "https://maxcompute.cn-shanghai.aliyuncs.com, or a region id such as cn-shanghai");
        }
        return config.withCredentials(credentials(settings, env))
                .withConnectTimeout(settings.duration("mma.connect-timeout", MmaClientConfig.DEFAULT_CONNECT_TIMEOUT))
                .withRequestTimeout(settings.duration("mma.request-timeout", MmaClientConfig.DEFAULT_REQUEST_TIMEOUT));
    }

    static Optional<Credentials> credentials(Settings settings, Map<String, String> env) {
        Optional<String> id = settings.optional("mma.access-key-id");
        Optional<String> secret = settings.optional("mma.access-key-secret");
        if (id.isEmpty() && secret.isEmpty()) {
            try {
                return Credentials.fromEnvironment(env);
            } catch (IllegalArgumentException e) {
                throw new SettingsException("incomplete AccessKey in the environment: " + e.getMessage());
            }
        }
        if (id.isEmpty()) {
            throw new SettingsException("mma.access-key-secret is set (" + settings.origin("mma.access-key-secret")
                    + ") but mma.access-key-id (" + Settings.envName("mma.access-key-id") + ") is not");
        }
        if (secret.isEmpty()) {
            throw new SettingsException("mma.access-key-id is set (" + settings.origin("mma.access-key-id")
                    + ") but mma.access-key-secret (" + Settings.envName("mma.access-key-secret") + ") is not");
        }
        return Optional.of(new Credentials(id.get(), secret.get(), settings.optional("mma.security-token").orElse(null)));
    }
}
